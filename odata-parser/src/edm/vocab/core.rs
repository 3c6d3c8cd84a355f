//! Typed terms of the `Org.OData.Core.V1` vocabulary that describe one model element:
//! permissions, computed and immutable values, descriptions and optional parameters.

use crate::edm::{Expr, Model, PropertyId, Target};

use super::record::{CapabilityWarning, Cx, FromExpr, Origin, Patch, flags, record};

/// The vocabulary namespace.
pub const NAMESPACE: &str = "Org.OData.Core.V1";

flags! {
    /// `Core.Permission`: the access a client has to a resource.
    pub struct Permission = "Org.OData.Core.V1"."Permission" {
        /// `None`: no access.
        NONE = 0, "None";
        /// `Read`.
        READ = 1, "Read";
        /// `Write`.
        WRITE = 2, "Write";
        /// `ReadWrite`.
        READ_WRITE = 3, "ReadWrite";
        /// `Invoke` (operations).
        INVOKE = 4, "Invoke";
    }
}

record! {
    /// `Core.OptionalParameterType`: a parameter a caller may leave out.
    pub struct OptionalParameter as "Core.OptionalParameterType" {
        /// `DefaultValue`: the value used when the parameter is left out, as written.
        default_value: Option<Box<str>> = None, "DefaultValue";
    }
}

/// The Core annotations of one model element (a property, navigation property, type,
/// entity set, parameter, …). Absent terms take their "not annotated" meaning: no
/// permissions stated, not computed, not immutable, no description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Core {
    /// `Core.Permissions`, if annotated.
    pub permissions: Option<Permission>,
    /// `Core.Computed`: the service computes the value on insert and update.
    pub computed: bool,
    /// `Core.ComputedDefaultValue`: the service computes a value when the client gives none.
    pub computed_default_value: bool,
    /// `Core.Immutable`: the value can be given on insert and never changes afterwards.
    pub immutable: bool,
    /// `Core.Description`.
    pub description: Option<Box<str>>,
    /// `Core.LongDescription`.
    pub long_description: Option<Box<str>>,
    /// `Core.OptionalParameter` (parameters only).
    pub optional_parameter: Option<OptionalParameter>,
    /// Values that could not be read as the vocabulary defines them.
    pub warnings: Vec<CapabilityWarning>,
}

impl Core {
    /// The Core annotations on `target` (unqualified ones only).
    #[must_use]
    pub fn of(model: &Model, target: Target) -> Core {
        let mut core = Core::default();
        let mut cx = Cx::new(model, None, Origin::Annotation(target));
        for annotation in model.annotations_for(target) {
            if annotation.qualifier.is_some() {
                continue;
            }
            let Some(local) = annotation
                .term
                .strip_prefix(NAMESPACE)
                .and_then(|t| t.strip_prefix('.'))
            else {
                continue;
            };
            let value = annotation.value.as_ref();
            match local {
                "Permissions" => {
                    cx.term = "Permissions";
                    if let Some(p) = value.and_then(|v| Permission::from_expr(v, &mut cx)) {
                        core.permissions = Some(p);
                    }
                }
                "Computed" => tag(&mut core.computed, value, "Computed", &mut cx),
                "ComputedDefaultValue" => tag(
                    &mut core.computed_default_value,
                    value,
                    "ComputedDefaultValue",
                    &mut cx,
                ),
                "Immutable" => tag(&mut core.immutable, value, "Immutable", &mut cx),
                "Description" => text(&mut core.description, value, "Description", &mut cx),
                "LongDescription" => text(
                    &mut core.long_description,
                    value,
                    "LongDescription",
                    &mut cx,
                ),
                "OptionalParameter" => {
                    cx.term = "OptionalParameter";
                    let mut optional = OptionalParameter::default();
                    if let Some(v) = value {
                        let _ = optional.patch(v, &mut cx);
                    }
                    core.optional_parameter = Some(optional);
                }
                _ => {}
            }
        }
        core.warnings = cx.warnings;
        core
    }

    /// The Core annotations of a structural property.
    #[must_use]
    pub fn of_property(model: &Model, property: PropertyId) -> Core {
        Core::of(model, Target::Property(property))
    }

    /// Whether clients cannot write the value: `Core.Computed`, or `Core.Permissions`
    /// without `Write` (`Read` or `None`).
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.computed
            || self
                .permissions
                .is_some_and(|p| !p.contains(Permission::WRITE))
    }

    /// Whether the value can be given on insert: not read-only.
    #[must_use]
    pub fn is_insertable(&self) -> bool {
        !self.is_read_only()
    }

    /// Whether the value can be changed by an update: not read-only and not `Core.Immutable`.
    #[must_use]
    pub fn is_updatable(&self) -> bool {
        !self.is_read_only() && !self.immutable
    }
}

fn tag(field: &mut bool, value: Option<&Expr>, term: &'static str, cx: &mut Cx<'_>) {
    cx.term = term;
    match value {
        Some(v) => {
            let _ = field.patch(v, cx);
        }
        None => field.patch_tag(),
    }
}

fn text(field: &mut Option<Box<str>>, value: Option<&Expr>, term: &'static str, cx: &mut Cx<'_>) {
    cx.term = term;
    if let Some(v) = value {
        let _ = field.patch(v, cx);
    }
}
