//! Request builders: resources addressed from a service root ([`Single`],
//! [`Collection`]) and the requests made on them, each producing an
//! [`http::Request`] that any HTTP client can send.
//!
//! Generated code supplies, per entity type, an [`EntityType`] impl naming its
//! member accessors, its navigation struct (navigation properties and bound
//! operations, reached through `Deref`), its key and its bodies; per entity
//! container, a struct whose methods return the entity sets and singletons. The
//! generic builders here do the rest:
//!
//! - [`Collection`]: [`by_key`](Collection::by_key), [`list`](Collection::list),
//!   [`count`](Collection::count), [`create`](Collection::create), [`cast`](Collection::cast);
//! - [`Single`]: [`get`](Single::get), [`update`](Single::update), [`delete`](Single::delete),
//!   [`property`](Single::property), [`media`](Single::media), [`cast`](Single::cast);
//! - requests ([`List`], [`Delta`], [`Get`], [`Count`], [`Create`], [`Update`], [`Delete`],
//!   [`Property`], [`Media`], [`Action`], [`Function`], [`Link`]): query options where the
//!   resource's state allows them, headers, [`ODataRequest::build`] and
//!   [`ODataRequest::parse_response`].

mod builders;
mod operations;

use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ast;
use crate::client::ast_build;
use crate::client::query::{
    Countable, Deletable, DerivedFrom, Fields, HasFields, Insertable, PropertyPath, Segments,
    Selecting, State, Updatable,
};
use crate::client::{BuildError, Structured, WriteStructured};
use crate::query::{ResourceSegmentKind, ToUrlString};

pub use crate::ast::KeyPredicate;
pub use crate::client::query::Expand;
pub use builders::{
    Built, Count, Create, Delete, Delta, Get, Link, List, Media, MediaUpload, NoContent,
    ODataRequest, Property, PropertyValue, ResponseReader, Update,
};
pub use operations::{Action, Function, FunctionArgs};

/// An entity type of the model (implemented by the generated structs).
pub trait EntityType: HasFields + 'static {
    /// Its navigation properties and bound operations, on a resource of state `C`.
    type Nav<C>: Navigation;
    /// Its collection-bound operations, on a collection of state `C`.
    type CollectionNav<C>: Navigation;
    /// What a response holding one entity reads into (its polymorphic enum, if it
    /// has derived types).
    type Read: DeserializeOwned + WriteStructured;
    /// The body of an update (`<Entity>Update`).
    type Update: Serialize;
    /// The key value.
    type Key;
    /// The key predicate of `key` (generated code).
    ///
    /// # Errors
    ///
    /// A key value with no literal form.
    #[doc(hidden)]
    fn key_predicate(key: Self::Key) -> Result<KeyPredicate<'static>, BuildError>;
}

/// The key of an entity type without a key (or whose key has no literal form):
/// such entities cannot be addressed by key.
#[derive(Clone, Copy, Debug)]
pub enum NoKey {}

/// A media entity type: its stream is read and written through `$value`.
pub trait MediaEntity: EntityType {}

/// The generated navigation structs: a resource path (generated code).
pub trait Navigation {
    /// The struct for `node`.
    #[doc(hidden)]
    fn from_node(node: Node) -> Self;
    /// The resource path.
    #[doc(hidden)]
    fn node(&self) -> &Node;
}

/// The navigation struct of entity types without collection-bound operations.
pub struct Plain<C> {
    node: Node,
    _p: PhantomData<fn() -> C>,
}

impl<C> Navigation for Plain<C> {
    fn from_node(node: Node) -> Self {
        Plain {
            node,
            _p: PhantomData,
        }
    }
    fn node(&self) -> &Node {
        &self.node
    }
}

/// A service root, such as `https://outlook.office.com/api/v2.0/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root(Arc<str>);

impl Root {
    /// The root `url`; a trailing `/` is added when missing.
    #[must_use]
    pub fn new(url: &str) -> Self {
        if url.ends_with('/') {
            Root(url.into())
        } else {
            Root(format!("{url}/").into())
        }
    }

    /// The root as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resource path `name` (an entity set, singleton or operation import).
    #[must_use]
    pub fn child(&self, name: &str) -> Node {
        Node {
            root: self.clone(),
            segments: vec![ast_build::resource_name(name)],
            error: None,
        }
    }

    /// The resource path of an operation import call `Name(args)`.
    #[must_use]
    pub fn call(&self, name: &str, args: FunctionArgs) -> (Node, Vec<ast::QueryOption<'static>>) {
        let (node, aliases) = Node {
            root: self.clone(),
            segments: Vec::new(),
            error: None,
        }
        .call(name, args);
        (node, aliases)
    }
}

/// A resource path from a service root, kept as a syntax tree.
#[derive(Clone, Debug)]
pub struct Node {
    root: Root,
    segments: Vec<crate::query::ResourceSegment<'static>>,
    error: Option<BuildError>,
}

impl Node {
    /// This path followed by `name` (a navigation or structural property).
    #[must_use]
    pub fn child(&self, name: &str) -> Node {
        self.with(ast_build::resource_name(name))
    }

    /// This path followed by a type cast or a bound operation without parameters.
    #[must_use]
    pub fn qualified(&self, name: &str) -> Node {
        self.with(ast_build::resource(ResourceSegmentKind::TypeCast(
            ast_build::qualified(name),
        )))
    }

    /// This path followed by a function call `Ns.Fn(a=1,b=@b)`; complex and
    /// collection arguments become parameter aliases, returned as query options.
    #[must_use]
    pub fn call(&self, name: &str, args: FunctionArgs) -> (Node, Vec<ast::QueryOption<'static>>) {
        let (named, aliases, error) = args.into_parts();
        let mut node = self.with(ast_build::resource_call(name, named));
        node.fail(error);
        (node, aliases)
    }

    fn with(&self, segment: crate::query::ResourceSegment<'static>) -> Node {
        let mut n = self.clone();
        n.segments.push(segment);
        n
    }

    fn fail(&mut self, error: Option<BuildError>) {
        if self.error.is_none() {
            self.error = error;
        }
    }

    /// This path with a key predicate on its last segment.
    fn key(&self, key: Result<KeyPredicate<'static>, BuildError>) -> Node {
        let mut n = self.clone();
        match key {
            Ok(k) => match n.segments.last_mut().map(|s| &mut s.kind) {
                Some(ResourceSegmentKind::Name {
                    key: slot @ None, ..
                }) => *slot = Some(k),
                _ => n
                    .segments
                    .push(ast_build::resource(ResourceSegmentKind::Key(k))),
            },
            Err(e) => n.fail(Some(e)),
        }
        n
    }

    /// This path followed by a system segment (`$count`, `$value`).
    fn system(&self, kind: ResourceSegmentKind<'static>) -> Node {
        self.with(ast_build::resource(kind))
    }

    /// This path followed by the members of a property path.
    fn property(&self, segments: &Segments) -> Node {
        let mut n = self.clone();
        for name in segments.names() {
            n = if name.contains('.') {
                n.qualified(name)
            } else {
                n.child(name)
            };
        }
        n
    }

    /// The URL: service root, percent-encoded path, query options.
    pub(crate) fn url(&self, options: &[ast::QueryOption<'static>]) -> Result<String, BuildError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let path = ast_build::resource_path(self.segments.clone());
        let mut url = format!("{}{}", self.root.as_str(), path.to_url_string());
        for (n, o) in options.iter().enumerate() {
            url.push(if n == 0 { '?' } else { '&' });
            url.push_str(&o.to_url_string());
        }
        Ok(url)
    }
}

/// A single entity (a singleton, an entity by key, a single-valued navigation
/// property) of type `E` in state `C`. Its navigation properties and bound
/// operations are methods of the generated navigation struct it dereferences to.
pub struct Single<E: EntityType, C> {
    nav: E::Nav<C>,
}

impl<E: EntityType, C> Deref for Single<E, C> {
    type Target = E::Nav<C>;
    fn deref(&self) -> &E::Nav<C> {
        &self.nav
    }
}

impl<E: EntityType, C: State> Single<E, C> {
    /// The entity at `node` (generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn new(node: Node) -> Self {
        Single {
            nav: E::Nav::<C>::from_node(node),
        }
    }

    fn node(&self) -> &Node {
        self.nav.node()
    }

    /// `GET` the entity.
    #[must_use]
    pub fn get(&self) -> Get<E, C> {
        Get::new(self.node().clone())
    }

    /// `PATCH` the entity with the properties set in `body`.
    #[must_use]
    pub fn update(&self, body: &E::Update) -> Update<E>
    where
        C: Updatable,
    {
        Update::new(self.node().clone(), body)
    }

    /// `DELETE` the entity.
    #[must_use]
    pub fn delete(&self) -> Delete
    where
        C: Deletable,
    {
        Delete::new(self.node().clone())
    }

    /// A structural property of the entity, addressed by its path
    /// (`me/MailboxSettings/AutomaticRepliesSetting`): `GET` or `PATCH` it.
    pub fn property<P: PropertyPath>(
        &self,
        path: impl FnOnce(<E as HasFields>::Fields<Selecting<C>, Selecting<C>>) -> P,
    ) -> Property<P::Value> {
        let root = <<E as HasFields>::Fields<Selecting<C>, Selecting<C>> as Fields>::from_segments(
            Segments::root(),
        );
        let p = path(root);
        Property::new(self.node().property(p.property_segments()))
    }

    /// The entity's media stream (`$value`).
    #[must_use]
    pub fn media(&self) -> Media
    where
        E: MediaEntity,
    {
        Media::new(self.node().system(ResourceSegmentKind::Value))
    }

    /// The entity as derived type `D` (a type-cast segment).
    #[must_use]
    pub fn cast<D: EntityType + DerivedFrom<E>>(&self) -> Single<D, C> {
        Single::new(self.node().qualified(<D as Structured>::QUALIFIED_NAME))
    }
}

/// A collection of entities (an entity set, a collection-valued navigation
/// property) of type `E` in state `C`. Collection-bound operations are methods of
/// the generated struct it dereferences to.
pub struct Collection<E: EntityType, C> {
    nav: E::CollectionNav<C>,
}

impl<E: EntityType, C> Deref for Collection<E, C> {
    type Target = E::CollectionNav<C>;
    fn deref(&self) -> &E::CollectionNav<C> {
        &self.nav
    }
}

impl<E: EntityType, C: State> Collection<E, C> {
    /// The collection at `node` (generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn new(node: Node) -> Self {
        Collection {
            nav: E::CollectionNav::<C>::from_node(node),
        }
    }

    fn node(&self) -> &Node {
        self.nav.node()
    }

    /// The entity with key `key`: `Messages('AAMk…')`.
    pub fn by_key(&self, key: impl Into<E::Key>) -> Single<E, C> {
        Single::new(self.node().key(E::key_predicate(key.into())))
    }

    /// `GET` the entities, with query options.
    #[must_use]
    pub fn list(&self) -> List<E, C> {
        List::new(self.node().clone())
    }

    /// `GET …/$count`: the number of entities.
    #[must_use]
    pub fn count(&self) -> Count<E, C>
    where
        C: Countable,
    {
        Count::new(self.node().system(ResourceSegmentKind::Count))
    }

    /// `POST` a new entity.
    pub fn create(&self, body: impl Into<E::Read>) -> Create<E>
    where
        C: Insertable,
    {
        Create::new(self.node().clone(), &body.into())
    }

    /// The entities of derived type `D` (a type-cast segment).
    #[must_use]
    pub fn cast<D: EntityType + DerivedFrom<E>>(&self) -> Collection<D, C> {
        Collection::new(self.node().qualified(<D as Structured>::QUALIFIED_NAME))
    }
}

/// The key predicate of a single key value (generated code).
///
/// # Errors
///
/// A value with no literal form.
#[doc(hidden)]
pub fn single_key(
    value: impl crate::client::query::IntoLiteral,
) -> Result<KeyPredicate<'static>, BuildError> {
    Ok(ast_build::single_key(value.into_literal()?))
}

/// The key predicate of a compound key, `(A=1,B='x')` (generated code).
///
/// # Errors
///
/// A value with no literal form.
#[doc(hidden)]
pub fn named_key(
    values: Vec<(&'static str, Result<ast::Literal<'static>, BuildError>)>,
) -> Result<KeyPredicate<'static>, BuildError> {
    let values = values
        .into_iter()
        .map(|(n, v)| v.map(|v| (n, v)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ast_build::named_key(values))
}
