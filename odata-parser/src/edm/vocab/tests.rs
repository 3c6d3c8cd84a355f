//! Tests of the typed capability view on small fixtures: the lookup order level by level,
//! PATCH merging, term spellings, qualifiers, bindings, navigability, Core terms, the
//! convenience queries and warnings.

use super::*;
use crate::edm::{Model, NavigationSourceId, PathSegment, Target};

/// A shop: customers with contained orders (also bound to the `Orders` set in `Customers`),
/// orders with contained lines, customers' friends bound to `Customers`.
const SCHEMA: &str = r#"
<EntityType Name="Customer">
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/>
  <Property Name="Address" Type="s.Address"/>
  <NavigationProperty Name="Orders" Type="Collection(s.Order)"/>
  <NavigationProperty Name="Friends" Type="Collection(s.Customer)"/>
</EntityType>
<EntityType Name="Order">
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Total" Type="Edm.Decimal"/>
  <Property Name="Note" Type="Edm.String"/>
  <Property Name="Created" Type="Edm.DateTimeOffset">
    <Annotation Term="Core.Computed"/>
  </Property>
  <Property Name="Code" Type="Edm.String">
    <Annotation Term="Org.OData.Core.V1.Immutable" Bool="true"/>
  </Property>
  <Property Name="Status" Type="Edm.String">
    <Annotation Term="Core.Permissions" EnumMember="Core.Permission/Read"/>
    <Annotation Term="Core.Description" String="Where the order is."/>
  </Property>
  <Property Name="Memo" Type="Edm.String">
    <Annotation Term="Core.Permissions" EnumMember="Core.Permission/Read Core.Permission/Write"/>
  </Property>
  <NavigationProperty Name="Lines" Type="Collection(s.Line)" ContainsTarget="true"/>
</EntityType>
<EntityType Name="SpecialOrder" BaseType="s.Order">
  <Property Name="Extra" Type="Edm.String"/>
</EntityType>
<EntityType Name="Line">
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Qty" Type="Edm.Int32"/>
</EntityType>
<ComplexType Name="Address">
  <Property Name="City" Type="Edm.String"/>
  <Property Name="Zip" Type="Edm.String"/>
</ComplexType>
<Action Name="Ship" IsBound="true">
  <Parameter Name="order" Type="s.Order"/>
  <Parameter Name="express" Type="Edm.Boolean">
    <Annotation Term="Core.OptionalParameter"><Record><PropertyValue Property="DefaultValue" String="false"/></Record></Annotation>
  </Parameter>
</Action>
<EntityContainer Name="C">
  <EntitySet Name="Customers" EntityType="s.Customer">
    <NavigationPropertyBinding Path="Orders" Target="Orders"/>
    <NavigationPropertyBinding Path="Friends" Target="Customers"/>
  </EntitySet>
  <EntitySet Name="Orders" EntityType="s.Order"/>
  <EntitySet Name="SpecialOrders" EntityType="s.SpecialOrder"/>
  <Singleton Name="Boss" Type="s.Customer"/>
</EntityContainer>
"#;

fn model(annotations: &str) -> Model {
    let xml = format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml">
  <edmx:Include Namespace="Org.OData.Capabilities.V1" Alias="Cap"/>
</edmx:Reference>
<edmx:DataServices>
<Schema Namespace="Shop" Alias="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{SCHEMA}
{annotations}
</Schema>
</edmx:DataServices>
</edmx:Edmx>"#
    );
    match Model::from_csdl_xml(&xml) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

fn path(m: &Model, text: &str) -> NavigationPath {
    NavigationPath::parse(m, text).unwrap_or_else(|e| panic!("{e}"))
}

fn caps<'m>(m: &'m Model, text: &str) -> Capabilities<'m> {
    Capabilities::for_path(m, &path(m, text))
}

fn prop(m: &Model, ty: &str, name: &str) -> PathSegment {
    let ty = m.structured_type_by_name(ty).expect("type");
    m.member(ty, name).expect("member").into()
}

fn filter_levels(record: &str) -> String {
    format!("<Annotation Term=\"Cap.FilterRestrictions\"><Record>{record}</Record></Annotation>")
}

fn max_levels(n: u32) -> String {
    filter_levels(&format!(
        "<PropertyValue Property=\"MaxLevels\" Int=\"{n}\"/>"
    ))
}

fn names(m: &Model, origins: &[Origin]) -> Vec<String> {
    origins.iter().map(|o| o.describe(m)).collect()
}

#[test]
fn defaults_without_annotations() {
    let m = model("");
    let c = caps(&m, "Customers/Orders");
    assert_eq!(c.filter_restrictions, FilterRestrictions::default());
    assert!(c.filterable() && c.sortable() && c.searchable() && c.countable());
    assert!(c.top_supported() && c.skip_supported() && c.select_supported());
    assert!(c.filter_function_allowed("contains"));
    assert!(c.change_tracking.is_none() && c.deep_insert_support.is_none());
    assert!(!c.key_as_segment_supported && !c.optimistic_concurrency_control);
    assert!(c.navigable && c.is_collection());
    assert_eq!(c.all_sources().count(), 0);
    assert!(c.warnings().is_empty());
    assert!(!caps(&m, "Boss").is_collection());
}

/// One annotation per level, each with a distinct MaxLevels; removing the most specific
/// level each time must surface the next one, and the sources list the levels in order.
#[test]
fn each_level_wins_over_the_next() {
    let levels: Vec<(&str, String)> = vec![
        (
            "s.C/Customers/Orders",
            format!(
                "<Annotations Target=\"s.C/Customers/Orders\">{}</Annotations>",
                max_levels(1)
            ),
        ),
        (
            "Shop.C/Customers#RestrictedProperties[0]",
            r#"<Annotations Target="s.C/Customers"><Annotation Term="Cap.NavigationRestrictions"><Record>
                <PropertyValue Property="RestrictedProperties"><Collection><Record>
                  <PropertyValue Property="NavigationProperty" NavigationPropertyPath="Orders"/>
                  <PropertyValue Property="FilterRestrictions"><Record><PropertyValue Property="MaxLevels" Int="2"/></Record></PropertyValue>
                </Record></Collection></PropertyValue></Record></Annotation></Annotations>"#
                .to_owned(),
        ),
        (
            "Shop.Customer/Orders",
            format!(
                "<Annotations Target=\"s.Customer/Orders\">{}</Annotations>",
                max_levels(3)
            ),
        ),
        (
            "Shop.C/Orders",
            format!(
                "<Annotations Target=\"s.C/Orders\">{}</Annotations>",
                max_levels(4)
            ),
        ),
        (
            "Shop.Order",
            format!(
                "<Annotations Target=\"s.Order\">{}</Annotations>",
                max_levels(5)
            ),
        ),
        (
            "Shop.C#DefaultCapabilities",
            r#"<Annotations Target="s.C"><Annotation Term="Cap.DefaultCapabilities"><Record>
                <PropertyValue Property="FilterRestrictions"><Record><PropertyValue Property="MaxLevels" Int="6"/></Record></PropertyValue>
              </Record></Annotation></Annotations>"#
                .to_owned(),
        ),
    ];
    for start in 0..=levels.len() {
        let annotations: String = levels[start..].iter().map(|(_, a)| a.as_str()).collect();
        let m = model(&annotations);
        let c = caps(&m, "Customers/Orders");
        let expected = if start < levels.len() {
            MaxLevels::Limit(start as u32 + 1)
        } else {
            MaxLevels::Unlimited
        };
        assert_eq!(
            c.filter_restrictions.max_levels, expected,
            "from level {start}"
        );
        let expected_sources: Vec<String> = levels[start..]
            .iter()
            .map(|(name, _)| name.replace("s.C/", "Shop.C/"))
            .collect();
        assert_eq!(names(&m, c.sources("FilterRestrictions")), expected_sources);
        assert!(c.warnings().is_empty(), "{:?}", c.warnings());
    }
}

#[test]
fn fields_merge_with_patch_semantics() {
    let m = model(&format!(
        r#"<Annotations Target="s.C/Orders">{}</Annotations>
           <Annotations Target="s.Customer/Orders">{}</Annotations>
           <Annotations Target="s.C"><Annotation Term="Cap.DefaultCapabilities"><Record>
             <PropertyValue Property="FilterRestrictions"><Record><PropertyValue Property="MaxLevels" Int="2"/></Record></PropertyValue>
           </Record></Annotation></Annotations>"#,
        filter_levels(
            r#"<PropertyValue Property="RequiresFilter" Bool="true"/>
               <PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Note</PropertyPath></Collection></PropertyValue>"#
        ),
        filter_levels(
            r#"<PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Total</PropertyPath></Collection></PropertyValue>"#
        ),
    ));
    let via_customer = caps(&m, "Customers/Orders");
    let f = &via_customer.filter_restrictions;
    assert!(f.requires_filter, "kept from the entity set");
    assert_eq!(
        f.max_levels,
        MaxLevels::Limit(2),
        "kept from DefaultCapabilities"
    );
    let texts: Vec<&str> = f
        .non_filterable_properties
        .iter()
        .map(|p| &*p.text)
        .collect();
    assert_eq!(
        texts,
        ["Total"],
        "a collection replaces, it does not accumulate"
    );
    assert!(via_customer.is_filterable(&[prop(&m, "s.Order", "Note")]));
    assert!(!via_customer.is_filterable(&[prop(&m, "s.Order", "Total")]));
    // The entity set itself only has its own annotation.
    let direct = caps(&m, "Orders");
    assert!(!direct.is_filterable(&[prop(&m, "s.Order", "Note")]));
    assert!(direct.is_filterable(&[prop(&m, "s.Order", "Total")]));
}

#[test]
fn an_empty_collection_lifts_a_restriction() {
    let m = model(&format!(
        r#"<Annotations Target="s.C/Orders">{}</Annotations>
           <Annotations Target="s.C/Customers/Orders">{}</Annotations>"#,
        filter_levels(
            r#"<PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Note</PropertyPath></Collection></PropertyValue>"#
        ),
        filter_levels(
            r#"<PropertyValue Property="NonFilterableProperties"><Collection/></PropertyValue>"#
        ),
    ));
    assert!(caps(&m, "Customers/Orders").is_filterable(&[prop(&m, "s.Order", "Note")]));
    assert!(!caps(&m, "Orders").is_filterable(&[prop(&m, "s.Order", "Note")]));
}

#[test]
fn full_names_and_aliases_give_the_same_view() {
    let spellings = [
        "Org.OData.Capabilities.V1",
        "Capabilities", // conventional alias, not declared by the document
        "Cap",          // alias the document declares
    ];
    let mut views = Vec::new();
    for ns in spellings {
        let m = model(&format!(
            r#"<Annotations Target="s.C/Customers">
                 <Annotation Term="{ns}.SearchRestrictions"><Record><PropertyValue Property="Searchable" Bool="false"/>
                   <PropertyValue Property="UnsupportedExpressions" EnumMember="{ns}.SearchExpressions/NOT {ns}.SearchExpressions/phrase"/></Record></Annotation>
                 <Annotation Term="{ns}.NavigationRestrictions"><Record><PropertyValue Property="RestrictedProperties"><Collection>
                   <Record Type="{ns}.NavigationPropertyRestriction">
                     <PropertyValue Property="NavigationProperty" NavigationPropertyPath="Orders"/>
                     <PropertyValue Property="Navigability" EnumMember="{ns}.NavigationType/Single"/>
                     <PropertyValue Property="TopSupported" Bool="false"/>
                   </Record></Collection></PropertyValue></Record></Annotation>
               </Annotations>
               <Annotations Target="s.C"><Annotation Term="{ns}.KeyAsSegmentSupported"/></Annotations>"#
        ));
        let set = caps(&m, "Customers");
        let orders = caps(&m, "Customers/Orders");
        assert!(
            set.warnings().is_empty() && orders.warnings().is_empty(),
            "{ns}"
        );
        views.push((
            set.searchable(),
            set.search_restrictions.unsupported_expressions,
            set.key_as_segment_supported,
            orders.top_supported(),
            orders.navigability,
            names(&m, orders.sources("TopSupported")),
        ));
    }
    let expected = (
        false,
        SearchExpressions::NOT | SearchExpressions::PHRASE,
        true,
        false,
        Navigability::Single,
        vec!["Shop.C/Customers#RestrictedProperties[0]".to_owned()],
    );
    for (ns, view) in spellings.iter().zip(&views) {
        assert_eq!(view, &expected, "{ns}");
    }
}

#[test]
fn qualifiers() {
    let m = model(
        r#"<Annotations Target="s.C/Orders">
             <Annotation Term="Cap.TopSupported" Bool="false" Qualifier="Phone"/>
             <Annotation Term="Cap.SkipSupported" Bool="false" Qualifier="Org.OData.Capabilities.V1.SkipSupported"/>
           </Annotations>"#,
    );
    let orders = path(&m, "Orders");
    let plain = Capabilities::for_path(&m, &orders);
    assert!(
        plain.top_supported(),
        "a qualified annotation needs its qualifier"
    );
    assert!(
        !plain.skip_supported(),
        "a qualifier equal to the term name counts as none"
    );
    let mut options = CapabilityOptions::new();
    options.qualifier(Some("Phone"));
    assert!(!Capabilities::for_path_with(&m, &orders, &options).top_supported());
}

#[test]
fn entity_type_annotations_can_be_left_out() {
    let m = model(&format!(
        "<Annotations Target=\"s.Order\">{}</Annotations>",
        filter_levels(r#"<PropertyValue Property="Filterable" Bool="false"/>"#)
    ));
    let orders = path(&m, "Customers/Orders");
    assert!(!Capabilities::for_path(&m, &orders).filterable());
    let mut strict = CapabilityOptions::new();
    strict.entity_type_annotations(false);
    assert!(Capabilities::for_path_with(&m, &orders, &strict).filterable());
    // A type cast narrows the collection, so the declared type's annotation still applies;
    // annotations are not inherited by the collections of a derived type.
    assert!(!caps(&m, "Orders/Shop.SpecialOrder").filterable());
    assert!(caps(&m, "SpecialOrders").filterable());
}

#[test]
fn multi_segment_restrictions_and_the_nearest_anchor() {
    let restriction = |nav: &str, top: bool| {
        format!(
            r#"<Annotation Term="Cap.NavigationRestrictions"><Record><PropertyValue Property="RestrictedProperties"><Collection><Record>
                 <PropertyValue Property="NavigationProperty" NavigationPropertyPath="{nav}"/>
                 <PropertyValue Property="TopSupported" Bool="{top}"/>
               </Record></Collection></PropertyValue></Record></Annotation>"#
        )
    };
    let root_only = model(&format!(
        "<Annotations Target=\"s.C/Customers\">{}</Annotations>",
        restriction("Orders/Lines", false)
    ));
    let c = caps(&root_only, "Customers/Orders/Lines");
    assert!(!c.top_supported());
    assert!(caps(&root_only, "Customers/Orders").top_supported());
    assert!(caps(&root_only, "Boss/Orders/Lines").top_supported());

    let both = model(&format!(
        "<Annotations Target=\"s.C/Customers\">{}</Annotations>
         <Annotations Target=\"s.C/Customers/Orders\">{}</Annotations>",
        restriction("Orders/Lines", false),
        restriction("Lines", true)
    ));
    let c = caps(&both, "Customers/Orders/Lines");
    assert!(c.top_supported(), "the anchor nearest the resource wins");
    assert_eq!(
        names(&both, c.sources("TopSupported")),
        [
            "Shop.C/Customers/Orders#RestrictedProperties[0]",
            "Shop.C/Customers#RestrictedProperties[0]"
        ]
    );

    // NavigationRestrictions on a navigation property reaches every path through it.
    let on_nav = model(&format!(
        "<Annotations Target=\"s.Customer/Orders\">{}</Annotations>",
        restriction("Lines", false)
    ));
    assert!(!caps(&on_nav, "Boss/Orders/Lines").top_supported());
    assert!(!caps(&on_nav, "Customers/Orders/Lines").top_supported());
}

#[test]
fn restrictions_follow_bindings() {
    let m = model(&format!(
        r#"<Annotations Target="s.C/Customers">{}
             <Annotation Term="Cap.NavigationRestrictions"><Record><PropertyValue Property="RestrictedProperties"><Collection><Record>
               <PropertyValue Property="NavigationProperty" NavigationPropertyPath="Orders"/>
               <PropertyValue Property="SkipSupported" Bool="false"/>
             </Record></Collection></PropertyValue></Record></Annotation>
           </Annotations>"#,
        filter_levels(r#"<PropertyValue Property="RequiresFilter" Bool="true"/>"#)
    ));
    // Friends are bound to Customers: the set's own restrictions apply to them.
    assert!(caps(&m, "Customers/Friends").requires_filter());
    // Boss is not an entity set with bindings: its friends' target set is unknown.
    assert!(!caps(&m, "Boss/Friends").requires_filter());
    // Customers/Friends/Orders is read from Customers (root) and from Customers (bound).
    let c = caps(&m, "Customers/Friends/Orders");
    assert!(!c.skip_supported());
    assert_eq!(
        names(&m, c.sources("SkipSupported")),
        ["Shop.C/Customers#RestrictedProperties[0]"]
    );
}

#[test]
fn navigability() {
    let m = model(
        r#"<Annotations Target="s.C/Customers"><Annotation Term="Cap.NavigationRestrictions"><Record>
             <PropertyValue Property="Navigability" EnumMember="Cap.NavigationType/Single"/>
             <PropertyValue Property="RestrictedProperties"><Collection><Record>
               <PropertyValue Property="NavigationProperty" NavigationPropertyPath="Friends"/>
               <PropertyValue Property="Navigability" EnumMember="Cap.NavigationType/None"/>
             </Record></Collection></PropertyValue></Record></Annotation></Annotations>"#,
    );
    let orders = caps(&m, "Customers/Orders");
    assert_eq!(orders.navigability, Navigability::Single);
    assert!(orders.navigable);
    let lines = caps(&m, "Customers/Orders/Lines");
    assert_eq!(lines.navigability, Navigability::Recursive);
    assert!(!lines.navigable, "nothing beyond a single level");
    assert!(!caps(&m, "Customers/Friends").navigable);
    assert!(caps(&m, "Boss/Friends").navigable);
    assert_eq!(
        caps(&m, "Customers").navigation_restrictions.navigability,
        Some(Navigability::Single)
    );
}

#[test]
fn core_terms_and_writability() {
    let m = model(
        r#"<Annotations Target="s.C/Orders">
             <Annotation Term="Cap.InsertRestrictions"><Record>
               <PropertyValue Property="NonInsertableProperties"><Collection><PropertyPath>Note</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="NonInsertableNavigationProperties"><Collection><NavigationPropertyPath>Lines</NavigationPropertyPath></Collection></PropertyValue>
             </Record></Annotation>
             <Annotation Term="Cap.UpdateRestrictions"><Record>
               <PropertyValue Property="NonUpdatableProperties"><Collection><PropertyPath>Total</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="UpdateMethod" EnumMember="Cap.HttpMethod/PATCH Cap.HttpMethod/PUT"/>
             </Record></Annotation>
           </Annotations>"#,
    );
    let c = caps(&m, "Orders");
    let p = |name| prop(&m, "s.Order", name);
    let status = Core::of(
        &m,
        Target::Property(match p("Status") {
            PathSegment::Property(id) => id,
            _ => unreachable!(),
        }),
    );
    assert_eq!(status.permissions, Some(Permission::READ));
    assert_eq!(status.description.as_deref(), Some("Where the order is."));
    assert!(status.is_read_only());
    let rows = [
        // (property, read-only, insertable, updatable)
        ("Id", false, true, false),      // key
        ("Total", false, true, false),   // NonUpdatableProperties
        ("Note", false, false, true),    // NonInsertableProperties
        ("Created", true, false, false), // Core.Computed (tag without value)
        ("Code", false, true, false),    // Core.Immutable
        ("Status", true, false, false),  // Core.Permissions Read
        ("Memo", false, true, true),     // Core.Permissions Read Write
        ("Lines", false, false, true),   // NonInsertableNavigationProperties
    ];
    for (name, read_only, insertable, updatable) in rows {
        let path = [p(name)];
        assert_eq!(c.is_read_only(&path), read_only, "{name} read-only");
        assert_eq!(c.is_insertable(&path), insertable, "{name} insertable");
        assert_eq!(c.is_updatable(&path), updatable, "{name} updatable");
    }
    assert_eq!(
        c.update_restrictions.update_method,
        Some(HttpMethod::PATCH | HttpMethod::PUT)
    );
    let ship = m.operations_by_name("s.Ship")[0];
    let express = Core::of(&m, Target::Parameter(ship, 1));
    assert_eq!(
        express.optional_parameter.and_then(|o| o.default_value),
        Some("false".into())
    );
}

#[test]
fn queries_on_paths() {
    let m = model(&format!(
        r#"<Annotations Target="s.C/Customers">{}
             <Annotation Term="Cap.SortRestrictions"><Record>
               <PropertyValue Property="AscendingOnlyProperties"><Collection><PropertyPath>Name</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="DescendingOnlyProperties"><Collection><PropertyPath>Address/Zip</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="NonSortableProperties"><Collection><PropertyPath>Id</PropertyPath></Collection></PropertyValue>
             </Record></Annotation>
           </Annotations>
           <Annotations Target="s.C/Orders">{}</Annotations>
           <Annotations Target="s.C"><Annotation Term="Cap.FilterFunctions"><Collection><String>eq</String><String>startswith</String></Collection></Annotation></Annotations>"#,
        filter_levels(
            r#"<PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Address</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="FilterExpressionRestrictions"><Collection><Record>
                 <PropertyValue Property="Property" PropertyPath="Name"/><PropertyValue Property="AllowedExpressions" String="SingleValue"/>
               </Record></Collection></PropertyValue>"#
        ),
        filter_levels(
            r#"<PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Shop.SpecialOrder/Extra</PropertyPath></Collection></PropertyValue>"#
        ),
    ));
    let c = caps(&m, "Customers");
    let address = prop(&m, "s.Customer", "Address");
    let city = prop(&m, "s.Address", "City");
    let zip = prop(&m, "s.Address", "Zip");
    let name = prop(&m, "s.Customer", "Name");
    assert!(
        !c.is_filterable(&[address, city]),
        "a complex property covers its members"
    );
    assert!(c.is_filterable(&[name]));
    assert_eq!(
        c.allowed_filter_expressions(&[name]),
        Some(&AllowedExpressions::SingleValue)
    );
    assert!(c.filter_function_allowed("eq") && !c.filter_function_allowed("contains"));
    assert!(c.sort_direction_allowed(&[name], SortDirection::Ascending));
    assert!(!c.sort_direction_allowed(&[name], SortDirection::Descending));
    assert!(c.sort_direction_allowed(&[address, zip], SortDirection::Descending));
    assert!(!c.sort_direction_allowed(&[address, zip], SortDirection::Ascending));
    assert!(!c.is_sortable(&[prop(&m, "s.Customer", "Id")]));
    // A property of a derived type, written with its type cast, reached with or without it.
    let orders = caps(&m, "Orders");
    let special = m.structured_type_by_name("s.SpecialOrder").unwrap();
    let extra = prop(&m, "s.SpecialOrder", "Extra");
    assert!(!orders.is_filterable(&[PathSegment::TypeCast(special), extra]));
    assert!(!orders.is_filterable(&[extra]));
    assert!(orders.is_filterable(&[prop(&m, "s.Order", "Note")]));
    assert!(orders.warnings().is_empty(), "{:?}", orders.warnings());
}

#[test]
fn unreadable_values_become_warnings_with_spans() {
    let m = model(&format!(
        r#"<Annotations Target="s.C/Orders">{}
             <Annotation Term="Cap.TopSupported" String="no"/>
           </Annotations>"#,
        filter_levels(
            r#"<PropertyValue Property="Filterable" String="false"/>
               <PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Nope</PropertyPath><PropertyPath>Note</PropertyPath></Collection></PropertyValue>
               <PropertyValue Property="Referenceable" Bool="false"/>"#
        )
    ));
    let c = caps(&m, "Orders");
    let mut found: Vec<String> = c
        .warnings()
        .iter()
        .map(|w| {
            let l = m.locate(w.span).expect("located");
            format!("{}:{} {w}", l.line, l.column)
        })
        .collect();
    found.sort();
    insta::assert_snapshot!(found.join("\n"), @r"
    64:129 FilterRestrictions: expected Edm.Boolean
    65:78 FilterRestrictions: path `Nope` does not resolve
    66:16 FilterRestrictions: property `Referenceable` is not defined by the vocabulary
    67:58 TopSupported: expected Edm.Boolean
    ");
    assert!(c.filterable(), "the ill-typed value is skipped");
    assert!(c.top_supported());
    let nope = &c.filter_restrictions.non_filterable_properties[0];
    assert!(
        !nope.is_resolved() && c.filter_restrictions.non_filterable_properties[1].is_resolved()
    );
}

#[test]
fn tags_and_sources_of_a_singleton() {
    let m = model(
        r#"<Annotations Target="s.C/Boss"><Annotation Term="Cap.TopSupported"/><Annotation Term="Cap.SkipSupported" Bool="false"/></Annotations>"#,
    );
    let c = Capabilities::for_navigation_source(
        &m,
        NavigationSourceId::Singleton(m.singleton_by_name("Boss").unwrap()),
    );
    assert!(c.top_supported() && !c.skip_supported());
    assert_eq!(names(&m, c.sources("TopSupported")), ["Shop.C/Boss"]);
    assert_eq!(path(&m, "boss/ORDERS").text(&m), "Boss/Orders");
    assert_eq!(
        NavigationPath::parse(&m, "Boss/Nope").unwrap_err().segment,
        1
    );
}

#[test]
fn the_first_of_two_annotations_counts() {
    let m = model(
        r#"<Annotations Target="s.C/Orders"><Annotation Term="Cap.TopSupported" Bool="false"/></Annotations>
           <Annotations Target="s.C/Orders"><Annotation Term="Capabilities.TopSupported" Bool="true"/></Annotations>"#,
    );
    let c = caps(&m, "Orders");
    assert!(!c.top_supported());
    let warnings: Vec<String> = c.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["TopSupported: applied more than once to the same target; the first one counts"]
    );
}

#[test]
fn member_paths_resolve_through_aliases_casts_and_complex_properties() {
    let m = model("");
    let order = m.structured_type_by_name("s.Order").unwrap();
    let customer = m.structured_type_by_name("Shop.Customer").unwrap();
    let special = m.structured_type_by_name("s.SpecialOrder").unwrap();
    let extra = prop(&m, "s.SpecialOrder", "Extra");
    for text in ["s.SpecialOrder/Extra", "Shop.SpecialOrder/Extra"] {
        assert_eq!(
            resolve_member_path(&m, order, text),
            Some(vec![PathSegment::TypeCast(special), extra]),
            "{text}"
        );
    }
    assert_eq!(
        resolve_member_path(&m, customer, "Address/Zip"),
        Some(vec![
            prop(&m, "s.Customer", "Address"),
            prop(&m, "s.Address", "Zip")
        ])
    );
    for bad in [
        "Nope",
        "Address/Nope",
        "s.Line/Qty",
        "Orders/@Core.Description",
        "",
    ] {
        assert_eq!(resolve_member_path(&m, customer, bad), None, "{bad}");
    }
    let path = PropertyPath::resolve(&m, Some(order), "s.SpecialOrder/Extra", Default::default());
    assert_eq!(
        path.property(),
        match extra {
            PathSegment::Property(p) => Some(p),
            _ => None,
        }
    );
    assert!(path.names(&[extra]) && path.covers(&[extra]));
}
