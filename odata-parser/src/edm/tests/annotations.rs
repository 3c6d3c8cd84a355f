//! Annotations: every expression form, targets, aliases, qualifiers and the query API.

use super::load;
use crate::edm::*;

const TYPES: &str = r#"
<EntityType Name="Person"><Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Home" Type="n.Address"/>
  <NavigationProperty Name="Friends" Type="Collection(n.Person)"/>
  <Annotation Term="Core.Description" String="inline"/>
</EntityType>
<ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
<EnumType Name="Color" IsFlags="true"><Member Name="Red" Value="1"/><Member Name="Blue" Value="2"/></EnumType>
<Function Name="F" IsBound="true"><Parameter Name="p" Type="n.Person"/><Parameter Name="x" Type="Edm.String"/><ReturnType Type="Edm.Int32"/></Function>
<Function Name="F" IsBound="true"><Parameter Name="p" Type="Collection(n.Person)"/><ReturnType Type="Edm.Int32"/></Function>
<Function Name="H"><ReturnType Type="Edm.Int32"/></Function>
<Term Name="Note" Type="Edm.String"/>
<EntityContainer Name="C">
  <EntitySet Name="People" EntityType="n.Person"><NavigationPropertyBinding Path="Friends" Target="People"/></EntitySet>
  <Singleton Name="Me" Type="n.Person"/>
  <FunctionImport Name="G" Function="n.H"/>
</EntityContainer>
"#;

fn with(annotations: &str) -> Model {
    load(&format!("{TYPES}{annotations}"))
}

#[test]
fn every_expression_form() {
    let m = with(
        r#"<Annotations Target="n.Person">
  <Annotation Term="n.Note" Qualifier="attrs" Binary="T0RhdGE" />
  <Annotation Term="n.Note" Qualifier="b" Bool="true"/>
  <Annotation Term="n.Note" Qualifier="d" Date="2000-01-01"/>
  <Annotation Term="n.Note" Qualifier="dto" DateTimeOffset="2000-01-01T16:00:00.000Z"/>
  <Annotation Term="n.Note" Qualifier="dec" Decimal="3.14"/>
  <Annotation Term="n.Note" Qualifier="dur" Duration="P7D"/>
  <Annotation Term="n.Note" Qualifier="enum" EnumMember="n.Color/Red n.Color/Blue"/>
  <Annotation Term="n.Note" Qualifier="f" Float="-INF"/>
  <Annotation Term="n.Note" Qualifier="g" Guid="21EC2020-3AEA-1069-A2DD-08002B30309D"/>
  <Annotation Term="n.Note" Qualifier="i" Int="42"/>
  <Annotation Term="n.Note" Qualifier="s" String="text &amp; more"/>
  <Annotation Term="n.Note" Qualifier="t" TimeOfDay="21:45:00"/>
  <Annotation Term="n.Note" Qualifier="paths" AnnotationPath="Home/@n.Note#q"/>
  <Annotation Term="n.Note" Qualifier="mep" ModelElementPath="n.Person/Home"/>
  <Annotation Term="n.Note" Qualifier="npp" NavigationPropertyPath="Friends"/>
  <Annotation Term="n.Note" Qualifier="pp" PropertyPath="Home/City"/>
  <Annotation Term="n.Note" Qualifier="p" Path="n.Person/Home"/>
  <Annotation Term="n.Note" Qualifier="url" UrlRef="http://example.org"/>
  <Annotation Term="n.Note" Qualifier="tag"/>
  <Annotation Term="n.Note" Qualifier="elements">
    <Collection>
      <Binary>T0RhdGE</Binary><Bool>false</Bool><Date>2000-01-01</Date><Decimal>-1.5e3</Decimal>
      <EnumMember>n.Color/Red</EnumMember><Float>1.5</Float><Int> 7 </Int><String>a &lt; b</String>
      <TimeOfDay>01:02:03</TimeOfDay><Null/><Path>Home</Path><PropertyPath>Id</PropertyPath>
      <NavigationPropertyPath>Friends</NavigationPropertyPath><AnnotationPath>@n.Note</AnnotationPath>
      <ModelElementPath>n.Color</ModelElementPath><LabeledElementReference>n.Label</LabeledElementReference>
    </Collection>
  </Annotation>
  <Annotation Term="n.Note" Qualifier="record">
    <Record Type="n.Address">
      <Annotation Term="n.Note" String="on record"/>
      <PropertyValue Property="City" String="Rome"><Annotation Term="n.Note" String="on value"/></PropertyValue>
      <PropertyValue Property="Nested"><Record><PropertyValue Property="X" Int="1"/></Record></PropertyValue>
    </Record>
  </Annotation>
  <Annotation Term="n.Note" Qualifier="dynamic">
    <If>
      <And><Eq><Path>Id</Path><Int>1</Int></Eq><Not><Bool>false</Bool></Not></And>
      <Apply Function="odata.concat"><String>a</String><LabeledElement Name="Label" String="b"/></Apply>
      <UrlRef><Cast Type="Edm.String" MaxLength="10"><IsOf Type="n.Address"><Path>Home</Path></IsOf></Cast></UrlRef>
    </If>
  </Annotation>
  <Annotation Term="n.Note" Qualifier="arith">
    <Collection><Add><Int>1</Int><Neg><Int>2</Int></Neg></Add><Has><Path>Id</Path><EnumMember>n.Color/Red</EnumMember></Has>
      <In><Path>Id</Path><Collection><Int>1</Int></Collection></In><DivBy><Float>1</Float><Float>2</Float></DivBy>
      <Ne><Null/><Null/></Ne><Mod><Int>5</Int><Int>2</Int></Mod><Or><Bool>true</Bool><Bool>false</Bool></Or>
      <Le><Int>1</Int><Int>2</Int></Le><Ge><Int>1</Int><Int>2</Int></Ge><Lt><Int>1</Int><Int>2</Int></Lt><Gt><Int>1</Int><Int>2</Int></Gt>
      <Sub><Int>1</Int><Int>2</Int></Sub><Mul><Int>1</Int><Int>2</Int></Mul><Div><Int>1</Int><Int>2</Int></Div></Collection>
  </Annotation>
</Annotations>"#,
    );
    let person = Target::EntityType(m.entity_type_by_name("NS.Person").expect("person"));
    let values: Vec<String> = m
        .annotations_for(person)
        .map(|a| {
            format!(
                "{}#{}: {:?}",
                a.term,
                a.qualifier.as_deref().unwrap_or(""),
                Compact(a.value.as_ref())
            )
        })
        .collect();
    insta::assert_snapshot!("expression_forms", values.join("\n"));
    let record = m
        .annotation(person, "NS.Note", Some("record"))
        .and_then(|a| a.value.as_ref())
        .expect("record");
    let record = record.as_record().expect("a record");
    assert_eq!(record.get("City").and_then(Expr::as_str), Some("Rome"));
    assert_eq!(record.annotations.len(), 1);
    assert_eq!(record.properties[0].annotations.len(), 1);
    let flags = m
        .annotation(person, "n.Note", Some("enum"))
        .and_then(|a| a.value.as_ref())
        .expect("enum");
    let members = flags.as_enum_members().expect("members");
    assert_eq!(members.len(), 2);
    assert_eq!(
        members[1].resolved,
        Some((m.enum_type_by_name("NS.Color").expect("color"), 1))
    );
    assert_eq!(
        m.annotation(person, "NS.Note", Some("tag"))
            .and_then(Annotation::as_tag),
        Some(true)
    );
}

/// Debug output without spans, for readable snapshots.
struct Compact<'a>(Option<&'a Expr>);

impl std::fmt::Debug for Compact<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(e) = self.0 else {
            return f.write_str("(default)");
        };
        let text = format!("{:?}", e.kind);
        // Drop `span: a..b` and `ty: Some(TypeRef {…})` noise.
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(i) = rest.find(", span: ") {
            out.push_str(&rest[..i]);
            rest = &rest[i + 8..];
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            rest = &rest[end..];
        }
        out.push_str(rest);
        f.write_str(&out)
    }
}

#[test]
fn every_target_kind() {
    let m = with(
        r#"<Annotations Target="n.Person"><Annotation Term="n.Note" String="type"/></Annotations>
<Annotations Target="NS.Person/Id"><Annotation Term="n.Note" String="property"/></Annotations>
<Annotations Target="n.Person/Friends"><Annotation Term="n.Note" String="navigation"/></Annotations>
<Annotations Target="n.Person/Home/City"><Annotation Term="n.Note" String="type path"/></Annotations>
<Annotations Target="n.Color"><Annotation Term="n.Note" String="enum"/></Annotations>
<Annotations Target="n.Color/Blue"><Annotation Term="n.Note" String="member"/></Annotations>
<Annotations Target="n.F"><Annotation Term="n.Note" String="all overloads"/></Annotations>
<Annotations Target="n.F(n.Person, Edm.String)"><Annotation Term="n.Note" String="overload"/></Annotations>
<Annotations Target="n.F(Collection(n.Person))/$ReturnType"><Annotation Term="n.Note" String="return"/></Annotations>
<Annotations Target="n.F/p"><Annotation Term="n.Note" String="param everywhere"/></Annotations>
<Annotations Target="n.C"><Annotation Term="n.Note" String="container"/></Annotations>
<Annotations Target="n.C/People"><Annotation Term="n.Note" String="set"/></Annotations>
<Annotations Target="n.C/Me"><Annotation Term="n.Note" String="singleton"/></Annotations>
<Annotations Target="n.C/G"><Annotation Term="n.Note" String="import"/></Annotations>
<Annotations Target="n.C/People/Friends"><Annotation Term="n.Note" String="nav path"/></Annotations>
<Annotations Target="NS.C/People/Friends" Qualifier="q"><Annotation Term="n.Note" String="same path"/></Annotations>
<Annotations Target="n.Note"><Annotation Term="n.Note" String="term"/></Annotations>"#,
    );
    let rendered: Vec<String> = m
        .all_annotations()
        .map(|(_, t, a)| {
            let v = a.value.as_ref().and_then(Expr::as_str).unwrap_or("");
            format!("{} {:?} = {v}", m.target_name(t), a.qualifier.as_deref())
        })
        .collect();
    insta::assert_snapshot!("targets", rendered.join("\n"));
    // The navigation path is one interned path, found by text and by structure.
    assert_eq!(m.target_paths().len(), 2);
    let people = m.entity_set_by_name("People").expect("people");
    let person = m.entity_set(people).entity_type;
    let friends = m
        .navigation_property_by_name(person.into(), "Friends")
        .expect("friends");
    let id = m
        .path_target(
            Target::EntitySet(people),
            &[PathSegment::NavigationProperty(friends)],
        )
        .expect("path");
    assert_eq!(m.find_target("n.C/People/Friends"), Some(Target::Path(id)));
    assert_eq!(m.annotations_for(Target::Path(id)).count(), 2);
    assert_eq!(
        m.annotation(Target::Path(id), "NS.Note", Some("q"))
            .and_then(|a| a.value.as_ref()?.as_str()),
        Some("same path")
    );
}

#[test]
fn unresolved_target_is_an_error() {
    let xml = super::doc(&format!(
        "{TYPES}<Annotations Target=\"n.Person/Nope\"><Annotation Term=\"n.Note\" String=\"x\"/></Annotations>"
    ));
    let e = super::errors(&xml);
    assert!(e.contains("unresolved annotation target `n.Person/Nope` @ edmx:Edmx/edmx:DataServices/Schema[NS]/Annotations[n.Person/Nope]"), "{e}");
}

#[test]
fn term_aliases_qualifiers_and_unknown_terms() {
    let m = with(
        r#"<Annotations Target="n.C/People">
  <Annotation Term="Capabilities.FilterRestrictions">
    <Record><PropertyValue Property="Filterable" Bool="true"/>
      <PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Home</PropertyPath></Collection></PropertyValue>
    </Record>
  </Annotation>
  <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false"/>
  <Annotation Term="Vendor.Custom" String="kept"/>
  <Annotation Term="n.Note" Qualifier="Dotted.Name" String="kept"/>
</Annotations>"#,
    );
    let people = Target::EntitySet(m.entity_set_by_name("People").expect("people"));
    let filter = m
        .annotation(people, "Org.OData.Capabilities.V1.FilterRestrictions", None)
        .expect("full name");
    assert_eq!(
        &*filter.term, "Org.OData.Capabilities.V1.FilterRestrictions",
        "conventional alias resolved"
    );
    assert!(
        m.annotation(people, "Capabilities.FilterRestrictions", None)
            .is_some(),
        "alias in the query"
    );
    let record = filter
        .value
        .as_ref()
        .and_then(Expr::as_record)
        .expect("record");
    let paths: Vec<&str> = record
        .get("NonFilterableProperties")
        .and_then(Expr::as_collection)
        .expect("list")
        .iter()
        .filter_map(Expr::as_path)
        .collect();
    assert_eq!(paths, ["Home"]);
    assert_eq!(
        m.annotations_with_term("Capabilities.TopSupported").count(),
        1
    );
    assert!(m.annotation(people, "Vendor.Custom", None).is_some());
    let kinds: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        kinds,
        [
            "term `Vendor.Custom` is not defined by any known vocabulary",
            "qualifier `Dotted.Name` is not a simple identifier",
        ]
    );
}

#[test]
fn document_aliases_in_expressions_become_full_names() {
    let m = load(
        r#"<EnumType Name="E"><Member Name="A"/></EnumType>
<ComplexType Name="T"><Property Name="P" Type="Edm.String"/>
  <Annotation Term="n.Tag"><Record Type="n.T"><PropertyValue Property="P" EnumMember="n.E/A"/>
    <PropertyValue Property="Q" AnnotationPath="P/@n.Tag#x"/><PropertyValue Property="R" Path="n.T/P"/></Record></Annotation>
</ComplexType>
<Term Name="Tag" Type="Edm.Boolean"/>"#,
    );
    let t = Target::ComplexType(m.complex_type_by_name("NS.T").expect("t"));
    let a = m.annotation(t, "NS.Tag", None).expect("annotation");
    assert_eq!(a.term_id, m.term_by_name("NS.Tag"));
    let r = a.value.as_ref().and_then(Expr::as_record).expect("record");
    assert_eq!(&*r.ty.as_ref().expect("type").name, "NS.T");
    assert_eq!(
        &*r.get("P").and_then(Expr::as_enum_members).expect("enum")[0].enum_type,
        "NS.E"
    );
    assert_eq!(r.get("Q").and_then(Expr::as_path), Some("P/@NS.Tag#x"));
    assert_eq!(r.get("R").and_then(Expr::as_path), Some("NS.T/P"));
}

#[test]
fn malformed_expressions() {
    let bad = |body: &str| {
        super::errors(&super::doc(&format!(
            "<ComplexType Name=\"T\"><Annotation Term=\"Core.X\">{body}</Annotation></ComplexType>"
        )))
    };
    assert!(bad("<Int>abc</Int>").contains("invalid `Int` value `abc`"));
    assert!(bad("<Bool>yes</Bool>").contains("invalid `Bool` value `yes`"));
    assert!(bad("<Decimal>1.2.3</Decimal>").contains("invalid `Decimal` value"));
    assert!(bad("<Eq><Int>1</Int></Eq>").contains("`Eq` expects two operands, found 1"));
    assert!(bad("<Not/>").contains("`Not` expects one operand, found 0"));
    assert!(bad("<If><Bool>true</Bool></If>").contains("`If` expects"));
    assert!(
        bad("<Int>1</Int><Int>2</Int>").contains("`Annotation` expects at most one value, found 2")
    );
    let e = super::errors(&super::doc(
        "<ComplexType Name=\"T\"><Annotation Term=\"Core.X\" Int=\"1\" Bool=\"true\"/></ComplexType>",
    ));
    assert!(e.contains("expects one value"), "{e}");
}
