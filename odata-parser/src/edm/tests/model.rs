//! Element readers and the resolved model: types, members, facets, inheritance,
//! partners, operations, the container, terms and lookups.

use super::load;
use crate::edm::*;

const PEOPLE: &str = r#"
<EntityType Name="Entity" Abstract="true">
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.String" Nullable="false"/>
</EntityType>
<EntityType Name="Person" BaseType="n.Entity" OpenType="true" HasStream="true">
  <Property Name="Name" Type="Edm.String" MaxLength="max" Unicode="false"/>
  <Property Name="Nick" Type="Edm.String" MaxLength="20" DefaultValue="none"/>
  <Property Name="Salary" Type="Edm.Decimal" Precision="10" Scale="variable"/>
  <Property Name="Ratio" Type="Edm.Decimal" Scale="floating"/>
  <Property Name="Where" Type="Edm.GeographyPoint" SRID="4326"/>
  <Property Name="Tags" Type="Collection(Edm.String)" Nullable="false"/>
  <Property Name="Home" Type="NS.Address"/>
  <Property Name="Mood" Type="n.Mood"/>
  <Property Name="Code" Type="n.Code"/>
  <NavigationProperty Name="Friends" Type="Collection(n.Person)" Partner="FriendOf"/>
  <NavigationProperty Name="FriendOf" Type="n.Person"/>
  <NavigationProperty Name="Pets" Type="Collection(n.Pet)" ContainsTarget="true" Partner="Owner"/>
</EntityType>
<EntityType Name="Employee" BaseType="n.Person"><Property Name="Badge" Type="Edm.Int32"/></EntityType>
<EntityType Name="Pet">
  <Key><PropertyRef Name="PetId"/></Key>
  <Property Name="PetId" Type="Edm.Int64" Nullable="false"/>
  <Property Name="OwnerId" Type="Edm.String"/>
  <NavigationProperty Name="Owner" Type="n.Person" Nullable="false">
    <ReferentialConstraint Property="OwnerId" ReferencedProperty="Id"/>
    <OnDelete Action="Cascade"/>
  </NavigationProperty>
</EntityType>
<ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
<ComplexType Name="WorkAddress" BaseType="n.Address"><Property Name="Floor" Type="Edm.Int16"/></ComplexType>
<EnumType Name="Mood" UnderlyingType="Edm.Byte"><Member Name="Sad"/><Member Name="Happy"/><Member Name="Ecstatic" Value="10"/></EnumType>
<EnumType Name="Access" IsFlags="true"><Member Name="Read" Value="1"/><Member Name="Write" Value="2"/></EnumType>
<TypeDefinition Name="Code" UnderlyingType="Edm.String" MaxLength="3"/>
<Action Name="Promote" IsBound="true"><Parameter Name="p" Type="n.Person"/><Parameter Name="level" Type="Edm.Int32"/></Action>
<Action Name="Promote" IsBound="true"><Parameter Name="p" Type="Collection(n.Person)"/></Action>
<Function Name="Oldest" IsComposable="true" IsBound="true" EntitySetPath="p">
  <Parameter Name="p" Type="Collection(n.Person)"/><ReturnType Type="n.Person" Nullable="false"/>
</Function>
<Function Name="Count"><ReturnType Type="Edm.Int32"/></Function>
<Action Name="Reset"/>
<Term Name="Tag" Type="Core.Tag" DefaultValue="true" AppliesTo="Property EntityType"/>
<Term Name="Sub" Type="Edm.String" BaseTerm="n.Tag"/>
<EntityContainer Name="Service">
  <EntitySet Name="People" EntityType="n.Person">
    <NavigationPropertyBinding Path="Friends" Target="People"/>
    <NavigationPropertyBinding Path="n.Employee/FriendOf" Target="NS.Service/Boss"/>
  </EntitySet>
  <EntitySet Name="Hidden" EntityType="n.Pet" IncludeInServiceDocument="false"/>
  <Singleton Name="Boss" Type="n.Employee" Nullable="true"/>
  <FunctionImport Name="CountAll" Function="n.Count" IncludeInServiceDocument="true"/>
  <ActionImport Name="ResetAll" Action="n.Reset"/>
</EntityContainer>
"#;

#[test]
fn entity_types_properties_and_facets() {
    let m = load(PEOPLE);
    let person = m.entity_type_by_name("NS.Person").expect("person");
    let p = m.entity_type(person);
    assert!(p.is_open && p.has_stream && !p.is_abstract);
    assert_eq!(p.base_type, m.entity_type_by_name("n.Entity"));
    assert!(m.entity_type(p.base_type.expect("base")).is_abstract);
    let prop = |name| m.property(m.property_by_name(person.into(), name).expect(name));
    assert_eq!(prop("Name").ty.facets.max_length, Some(MaxLength::Max));
    assert_eq!(prop("Name").ty.facets.unicode, Some(false));
    assert_eq!(
        prop("Nick").ty.facets.max_length,
        Some(MaxLength::Value(20))
    );
    assert_eq!(prop("Nick").default_value.as_deref(), Some("none"));
    assert_eq!(prop("Salary").ty.facets.precision, Some(10));
    assert_eq!(prop("Salary").ty.facets.scale, Some(Scale::Variable));
    assert_eq!(prop("Ratio").ty.facets.scale, Some(Scale::Floating));
    assert_eq!(prop("Where").ty.facets.srid, Some(Srid::Value(4326)));
    assert_eq!(
        prop("Where").ty.kind,
        TypeKind::Primitive(PrimitiveType::GeographyPoint)
    );
    let tags = &prop("Tags").ty;
    assert!(tags.collection && !tags.nullable);
    assert!(prop("Name").ty.nullable, "absent Nullable means true");
    assert_eq!(
        prop("Home").ty.kind,
        TypeKind::Complex(m.complex_type_by_name("NS.Address").expect("address"))
    );
    assert!(matches!(prop("Mood").ty.kind, TypeKind::Enum(_)));
    assert!(matches!(prop("Code").ty.kind, TypeKind::TypeDefinition(_)));
    // Inherited key and properties, base first.
    assert_eq!(&*m.key(person)[0].path, "Id");
    let names: Vec<&str> = m
        .all_properties(person.into())
        .iter()
        .map(|(_, p)| &*p.name)
        .collect();
    assert_eq!(names[0], "Id");
    assert_eq!(names.len(), 10);
    let employee = m.entity_type_by_name("NS.Employee").expect("employee");
    assert!(m.property_by_name(employee.into(), "Id").is_some());
    assert_eq!(m.declared_properties(employee.into()).len(), 1);
}

#[test]
fn enums_type_definitions_and_derived_types() {
    let m = load(PEOPLE);
    let mood = m.enum_type(m.enum_type_by_name("NS.Mood").expect("mood"));
    assert_eq!(mood.underlying_type, PrimitiveType::Byte);
    let values: Vec<(&str, i64)> = mood.members.iter().map(|x| (&*x.name, x.value)).collect();
    assert_eq!(values, [("Sad", 0), ("Happy", 1), ("Ecstatic", 10)]);
    let access = m.enum_type(m.enum_type_by_name("NS.Access").expect("access"));
    assert!(access.is_flags);
    assert_eq!(access.underlying_type, PrimitiveType::Int32);
    let code = m.type_definition(m.type_definition_by_name("NS.Code").expect("code"));
    assert_eq!(code.underlying_type, PrimitiveType::String);
    assert_eq!(code.facets.max_length, Some(MaxLength::Value(3)));
    let entity: StructuredTypeId = m.entity_type_by_name("NS.Entity").expect("entity").into();
    let person: StructuredTypeId = m.entity_type_by_name("NS.Person").expect("person").into();
    let employee: StructuredTypeId = m
        .entity_type_by_name("NS.Employee")
        .expect("employee")
        .into();
    assert_eq!(m.direct_derived_types(entity), [person]);
    assert_eq!(m.all_derived_types(entity), [person, employee]);
    assert!(m.is_same_or_derived(employee, entity));
    let address: StructuredTypeId = m
        .complex_type_by_name("NS.Address")
        .expect("address")
        .into();
    assert_eq!(m.direct_derived_types(address).len(), 1);
}

#[test]
fn navigation_partners_constraints_and_on_delete() {
    let m = load(PEOPLE);
    let person: StructuredTypeId = m.entity_type_by_name("NS.Person").expect("person").into();
    let pet: StructuredTypeId = m.entity_type_by_name("NS.Pet").expect("pet").into();
    let friends = m
        .navigation_property_by_name(person, "Friends")
        .expect("friends");
    let friend_of = m
        .navigation_property_by_name(person, "FriendOf")
        .expect("friend of");
    assert_eq!(m.partner(friends), Some(friend_of));
    assert_eq!(
        m.partner(friend_of),
        Some(friends),
        "a one-sided partner is mirrored"
    );
    let pets = m.navigation_property(m.navigation_property_by_name(person, "Pets").expect("pets"));
    assert!(pets.contains_target && pets.collection);
    let owner = m.navigation_property(m.navigation_property_by_name(pet, "Owner").expect("owner"));
    assert!(!owner.nullable && !owner.collection);
    assert_eq!(owner.on_delete, Some(OnDeleteAction::Cascade));
    let c = &owner.referential_constraints[0];
    assert_eq!(&*m.property(c.dependent).name, "OwnerId");
    assert_eq!(&*m.property(c.principal).name, "Id");
}

#[test]
fn operations_overloads_and_imports() {
    let m = load(PEOPLE);
    let person: StructuredTypeId = m.entity_type_by_name("NS.Person").expect("person").into();
    let employee: StructuredTypeId = m
        .entity_type_by_name("NS.Employee")
        .expect("employee")
        .into();
    assert_eq!(m.operations_by_name("n.Promote").len(), 2);
    let single = m
        .bound_operation("NS.Promote", employee, false)
        .expect("inherited binding");
    assert_eq!(m.operation(single).parameters.len(), 2);
    let coll = m
        .bound_operation("NS.Promote", person, true)
        .expect("collection overload");
    assert_ne!(single, coll);
    let oldest = m.operation(m.operations_by_name("NS.Oldest")[0]);
    assert!(oldest.is_bound && oldest.is_composable && oldest.kind == OperationKind::Function);
    assert_eq!(oldest.entity_set_path.as_deref(), Some("p"));
    assert!(!oldest.return_type.as_ref().expect("returns").ty.nullable);
    assert_eq!(m.applicable_operations(employee, true).len(), 2);
    assert_eq!(m.operation_signature(single), "NS.Promote(NS.Person)");
    let count_all = m.operation_import(m.operation_import_by_name("CountAll").expect("import"));
    assert_eq!(count_all.kind, OperationKind::Function);
    assert!(count_all.include_in_service_document);
    assert_eq!(
        m.operation_group(count_all.operation).name.as_str(),
        "NS.Count"
    );
    assert!(m.operation_import_ci("resetall").is_some());
}

#[test]
fn container_sets_singletons_and_bindings() {
    let m = load(PEOPLE);
    let people = m.entity_set_by_name("People").expect("people");
    let set = m.entity_set(people);
    assert!(set.include_in_service_document);
    assert!(
        !m.entity_set(m.entity_set_by_name("Hidden").expect("hidden"))
            .include_in_service_document
    );
    let boss = m.singleton_by_name("Boss").expect("boss");
    assert!(m.singleton(boss).nullable);
    assert_eq!(set.navigation_bindings.len(), 2);
    assert_eq!(
        set.navigation_bindings[0].target,
        NavigationSourceId::EntitySet(people)
    );
    assert_eq!(
        set.navigation_bindings[1].target,
        NavigationSourceId::Singleton(boss)
    );
    let friends = m
        .navigation_property_by_name(set.entity_type.into(), "Friends")
        .expect("friends");
    let binding = m.binding_for(people.into(), friends).expect("bound");
    assert_eq!(&*binding.target_path, "People");
    assert_eq!(
        m.container_child("Boss"),
        Some(ContainerChild::Singleton(boss))
    );
}

#[test]
fn terms_and_stats() {
    let m = load(PEOPLE);
    let tag = m.term(m.term_by_name("NS.Tag").expect("tag"));
    assert_eq!(
        tag.ty.kind,
        TypeKind::Vocabulary("Org.OData.Core.V1.Tag".into())
    );
    assert_eq!(tag.applies_to.len(), 2);
    assert_eq!(tag.default_value.as_deref(), Some("true"));
    let sub = m.term(m.term_by_name("NS.Sub").expect("sub"));
    assert_eq!(sub.base_term, m.term_by_name("NS.Tag"));
    let stats = m.stats();
    assert_eq!(
        (stats.entity_types, stats.complex_types, stats.enum_types),
        (4, 2, 2)
    );
    assert_eq!((stats.actions, stats.functions), (3, 2));
    assert_eq!((stats.action_imports, stats.function_imports), (1, 1));
    assert_eq!(
        (stats.entity_sets, stats.singletons, stats.terms),
        (2, 1, 2)
    );
    insta::assert_snapshot!("stats_display", stats.to_string());
}

#[test]
fn case_insensitive_lookups() {
    let m = load(
        r#"<EntityType Name="Item"><Key><PropertyRef Name="Id"/></Key>
             <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
             <Property Name="subject" Type="Edm.String"/><Property Name="Subject" Type="Edm.String"/>
             <Property Name="Body" Type="Edm.String"/></EntityType>
           <EntityContainer Name="C"><EntitySet Name="Items" EntityType="n.Item"/><Singleton Name="Me" Type="n.Item"/></EntityContainer>"#,
    );
    let item = m.entity_type_by_name("NS.Item").expect("item");
    assert_eq!(m.find_ci("ns.ITEM"), Some(SchemaItem::EntityType(item)));
    assert_eq!(
        m.find_ci("N.item"),
        Some(SchemaItem::EntityType(item)),
        "alias, any case"
    );
    assert!(m.entity_set_ci("items").is_some() && m.entity_set_by_name("items").is_none());
    assert!(m.singleton_ci("ME").is_some());
    assert!(m.property_ci(item.into(), "BODY").is_some());
    // Exact case wins over an ambiguous case-insensitive match; ambiguity alone gives None.
    let exact = m.property_by_name(item.into(), "Subject").expect("Subject");
    assert_eq!(m.property_ci(item.into(), "Subject"), Some(exact));
    assert_eq!(m.property_ci(item.into(), "SUBJECT"), None);
    // Unicode names fold too.
    let m = load(
        r#"<ComplexType Name="Straße"><Property Name="Ärger" Type="Edm.String"/></ComplexType>"#,
    );
    let ty = m.complex_type_by_name("NS.Straße").expect("unicode name");
    assert!(m.property_ci(ty.into(), "ärger").is_some());
    assert_eq!(
        m.find_ci("NS.STRASSE"),
        None,
        "simple lowercase folding, not full case folding"
    );
}

#[test]
fn case_insensitive_lookups_of_long_and_non_ascii_names() {
    // Names longer than the hashing buffer (64 bytes, within the 128-character limit), with multi-byte characters placed so
    // that the lowercase text crosses the buffer boundary, and a character (the Kelvin sign)
    // whose lowercase is ASCII.
    let long = format!("{}Ärger{}", "a".repeat(61), "B".repeat(40));
    let kelvin = "\u{212A}elvin";
    let m = load(&format!(
        r#"<ComplexType Name="T"><Property Name="{long}" Type="Edm.String"/>
             <Property Name="{kelvin}" Type="Edm.String"/></ComplexType>"#
    ));
    let ty = m.complex_type_by_name("NS.T").expect("T");
    let exact = m.property_by_name(ty.into(), &long).expect("exact");
    assert_eq!(m.property_ci(ty.into(), &long.to_uppercase()), Some(exact));
    assert_eq!(m.property_ci(ty.into(), &long.to_lowercase()), Some(exact));
    assert!(m.property_ci(ty.into(), &long[..long.len() - 1]).is_none());
    let k = m.property_by_name(ty.into(), kelvin).expect("kelvin");
    assert_eq!(m.property_ci(ty.into(), "kelvin"), Some(k));
    assert_eq!(m.property_ci(ty.into(), "KELVIN"), Some(k));
}

#[test]
fn resolve_type_name_and_spans() {
    let xml = super::doc(PEOPLE);
    let m = Model::from_csdl_xml(&xml).expect("loads");
    let t = m.resolve_type_name("Collection(n.Person)").expect("type");
    assert!(t.collection && matches!(t.kind, TypeKind::Entity(_)));
    assert_eq!(
        m.resolve_type_name("Edm.Untyped").map(|t| t.kind),
        Some(TypeKind::Abstract(AbstractType::Untyped))
    );
    let person = m.entity_type(m.entity_type_by_name("NS.Person").expect("person"));
    use crate::span::Spanned;
    let span = person.span();
    assert!(xml[span.range()].starts_with("<EntityType Name=\"Person\""));
    let loc = m.locate(span).expect("location");
    assert_eq!((loc.line, loc.column), (9, 1));
}
