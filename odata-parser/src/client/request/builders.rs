//! The requests: what each sends and what its response reads into.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{EntityType, Node};
use crate::client::query::{QueryParts, State, TrackChanges};
use crate::client::response::{CollectionResponse, DeltaResponse, ErrorResponse};
use crate::client::{BuildError, ResponseError, WriteStructured};

/// A request: built into an [`http::Request`], its response read into [`Self::Output`].
pub trait ODataRequest: Sized {
    /// What a successful response reads into.
    type Output;

    /// The HTTP request.
    ///
    /// # Errors
    ///
    /// A value had no literal form, a search term or header was invalid, or the body
    /// could not be written.
    fn build(self) -> Result<http::Request<Vec<u8>>, BuildError>;

    /// Reads a response's status and body: the output for a success status, the
    /// OData error otherwise.
    ///
    /// # Errors
    ///
    /// An error status ([`ResponseError::Service`] with the OData error body), or a
    /// body that does not match the output type.
    fn read_response(status: http::StatusCode, body: &[u8]) -> Result<Self::Output, ResponseError>;

    /// Reads a response (see [`Self::read_response`]).
    ///
    /// # Errors
    ///
    /// As [`Self::read_response`].
    fn parse_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Output, ResponseError> {
        Self::read_response(response.status(), response.body().as_ref())
    }

    /// The HTTP request, and the reader of its response (so the response type need
    /// not be named).
    ///
    /// # Errors
    ///
    /// As [`Self::build`].
    fn build_with_reader(self) -> Result<Built<Self::Output>, BuildError> {
        Ok((
            self.build()?,
            ResponseReader {
                read: Self::read_response,
            },
        ))
    }
}

/// A built request and the reader of its response.
pub type Built<O> = (http::Request<Vec<u8>>, ResponseReader<O>);

/// Reads the responses of one kind of request into its output type.
pub struct ResponseReader<O> {
    read: fn(http::StatusCode, &[u8]) -> Result<O, ResponseError>,
}

impl<O> ResponseReader<O> {
    /// Reads `response`.
    ///
    /// # Errors
    ///
    /// An error status ([`ResponseError::Service`] with the OData error body), or a
    /// body that does not match the output type.
    pub fn read<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<O, ResponseError> {
        (self.read)(response.status(), response.body().as_ref())
    }
}

/// The response of a request that returns no content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoContent)
    }
}

/// The value of a primitive or collection property read alone:
/// `{"@odata.context": …, "value": …}`.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct PropertyValue<T> {
    /// The value.
    pub value: T,
}

/// Reads a JSON response body (an empty body reads as `null`).
pub(crate) fn json_response<T: DeserializeOwned>(
    status: http::StatusCode,
    body: &[u8],
) -> Result<T, ResponseError> {
    let body = check_status(status, body)?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::from_str("null")?);
    }
    Ok(serde_json::from_slice(body)?)
}

/// Reads a response whose body does not matter.
fn no_content(status: http::StatusCode, body: &[u8]) -> Result<NoContent, ResponseError> {
    check_status(status, body).map(|_| NoContent)
}

/// The body of a success response, or the error.
fn check_status(status: http::StatusCode, body: &[u8]) -> Result<&[u8], ResponseError> {
    if status.is_success() {
        return Ok(body);
    }
    match serde_json::from_slice::<ErrorResponse>(body) {
        Ok(error) => Err(ResponseError::Service {
            status,
            error: Box::new(error),
        }),
        Err(_) => Err(ResponseError::Status {
            status,
            body: body.to_vec(),
        }),
    }
}

/// What every request carries.
#[derive(Debug)]
pub(crate) struct Parts {
    pub(crate) method: http::Method,
    pub(crate) node: Node,
    pub(crate) query: QueryParts,
    pub(crate) extra: Vec<crate::ast::QueryOption<'static>>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Result<(Vec<u8>, String), BuildError>>,
    /// An absolute URL that replaces the node's (paging links).
    pub(crate) link: Option<String>,
}

impl Parts {
    pub(crate) fn new(method: http::Method, node: Node) -> Self {
        Parts {
            method,
            node,
            query: QueryParts::default(),
            extra: Vec::new(),
            headers: Vec::new(),
            body: None,
            link: None,
        }
    }

    pub(crate) fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) {
        self.body = Some(
            serde_json::to_vec(body)
                .map(|b| (b, "application/json".to_owned()))
                .map_err(BuildError::from),
        );
    }

    pub(crate) fn build(self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if let Some(e) = self.query.error {
            return Err(*e);
        }
        let url = match self.link {
            Some(link) => link,
            None => {
                let mut options = self.extra;
                options.extend(self.query.options());
                self.node.url(&options)?
            }
        };
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(url.as_str());
        let body = match self.body {
            Some(Ok((bytes, content_type))) => {
                builder = builder.header(http::header::CONTENT_TYPE, content_type);
                bytes
            }
            Some(Err(e)) => return Err(e),
            None => Vec::new(),
        };
        for (name, value) in &self.headers {
            let name_ok = http::HeaderName::from_bytes(name.as_bytes());
            let value_ok = http::HeaderValue::from_str(value);
            match (name_ok, value_ok) {
                (Ok(n), Ok(v)) => builder = builder.header(n, v),
                _ => return Err(BuildError::Header { name: name.clone() }),
            }
        }
        builder.body(body).map_err(|source| BuildError::Url {
            url,
            source: std::sync::Arc::new(source),
        })
    }
}

macro_rules! output {
    ([$($g:tt)*] $ty:ty, $out:ty, $parse:expr) => {
        impl<$($g)*> ODataRequest for $ty {
            type Output = $out;
            fn build(self) -> Result<http::Request<Vec<u8>>, BuildError> {
                self.parts.build()
            }
            fn read_response(
                status: http::StatusCode,
                body: &[u8],
            ) -> Result<Self::Output, ResponseError> {
                $parse(status, body)
            }
        }
        request_methods!([$($g)*] $ty);
    };
}

/// `GET` a collection, with query options where the state `C` allows them.
pub struct List<E, C> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> (E, C)>,
}

impl<E: EntityType, C: State> List<E, C> {
    pub(crate) fn new(node: Node) -> Self {
        List {
            parts: Parts::new(http::Method::GET, node),
            _p: PhantomData,
        }
    }

    /// A change-tracking (delta) request: `Prefer: odata.track-changes`, with the
    /// filterable and expandable members `ChangeTracking` lists.
    #[must_use]
    pub fn track_changes(self) -> Delta<E, C::Delta>
    where
        C: TrackChanges,
    {
        let mut parts = self.parts;
        parts
            .headers
            .push(("Prefer".to_owned(), "odata.track-changes".to_owned()));
        Delta {
            parts,
            _p: PhantomData,
        }
    }

    /// `Prefer: odata.maxpagesize=n`: at most `n` entities per page.
    #[must_use]
    pub fn max_page_size(self, n: u32) -> Self {
        self.prefer(&format!("odata.maxpagesize={n}"))
    }

    /// `$skiptoken`: the page a previous response's next link pointed to.
    #[must_use]
    pub fn skip_token(mut self, token: &str) -> Self {
        self.parts.query.skip_token = Some(token.to_owned());
        self
    }

    /// The next page: `GET` a response's `@odata.nextLink`, with this request's headers.
    #[must_use]
    pub fn follow(&self, link: &str) -> Link<CollectionResponse<E::Read>> {
        Link::new(&self.parts, link)
    }
}

output!([E: EntityType, C: State] List<E, C>, CollectionResponse<E::Read>, json_response);
filter_methods!([E: EntityType, C: State] List<E, C>, E, C, parts.query);
select_methods!([E: EntityType, C: State] List<E, C>, E, C, parts.query);
page_methods!([E: EntityType, C: State] List<E, C>, E, C, parts.query);

/// A change-tracking `GET` of a collection (see [`List::track_changes`]): its
/// response holds changed entities and removed entries, and ends a round with an
/// `@odata.deltaLink`.
pub struct Delta<E, C> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> (E, C)>,
}

impl<E: EntityType, C: State> Delta<E, C> {
    /// `Prefer: odata.maxpagesize=n`.
    #[must_use]
    pub fn max_page_size(self, n: u32) -> Self {
        self.prefer(&format!("odata.maxpagesize={n}"))
    }

    /// `$deltatoken`: the changes since the round that returned this token.
    #[must_use]
    pub fn delta_token(mut self, token: &str) -> Self {
        self.parts.query.delta_token = Some(token.to_owned());
        self
    }

    /// `$skiptoken`: the next page of a round.
    #[must_use]
    pub fn skip_token(mut self, token: &str) -> Self {
        self.parts.query.skip_token = Some(token.to_owned());
        self
    }

    /// The next page or the next round: `GET` a response's `@odata.nextLink` or
    /// `@odata.deltaLink`, with this request's headers.
    #[must_use]
    pub fn follow(&self, link: &str) -> Link<DeltaResponse<E::Read>> {
        Link::new(&self.parts, link)
    }
}

output!([E: EntityType, C: State] Delta<E, C>, DeltaResponse<E::Read>, json_response);
filter_methods!([E: EntityType, C: State] Delta<E, C>, E, C, parts.query);
select_methods!([E: EntityType, C: State] Delta<E, C>, E, C, parts.query);
page_methods!([E: EntityType, C: State] Delta<E, C>, E, C, parts.query);

/// `GET` of a link the service returned (`@odata.nextLink`, `@odata.deltaLink`),
/// with the headers of the request it continues.
pub struct Link<O> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> O>,
}

impl<O> Link<O> {
    fn new(from: &Parts, link: &str) -> Self {
        let mut parts = Parts::new(http::Method::GET, from.node.clone());
        parts.headers = from.headers.clone();
        parts.link = Some(link.to_owned());
        Link {
            parts,
            _p: PhantomData,
        }
    }
}

output!([O: DeserializeOwned] Link<O>, O, json_response);

/// `GET` one entity, with `$select` and `$expand`.
pub struct Get<E, C> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> (E, C)>,
}

impl<E: EntityType, C: State> Get<E, C> {
    pub(crate) fn new(node: Node) -> Self {
        Get {
            parts: Parts::new(http::Method::GET, node),
            _p: PhantomData,
        }
    }
}

output!([E: EntityType, C: State] Get<E, C>, E::Read, json_response);
select_methods!([E: EntityType, C: State] Get<E, C>, E, C, parts.query);

/// `GET …/$count`, with `$filter` and `$search`.
pub struct Count<E, C> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> (E, C)>,
}

impl<E: EntityType, C: State> Count<E, C> {
    pub(crate) fn new(node: Node) -> Self {
        Count {
            parts: Parts::new(http::Method::GET, node),
            _p: PhantomData,
        }
    }
}

fn count(status: http::StatusCode, body: &[u8]) -> Result<i64, ResponseError> {
    let body = check_status(status, body)?;
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim().trim_start_matches('\u{feff}');
    trimmed
        .parse()
        .map_err(|_| ResponseError::Count(trimmed.to_owned()))
}

output!([E: EntityType, C: State] Count<E, C>, i64, count);
filter_methods!([E: EntityType, C: State] Count<E, C>, E, C, parts.query);

/// `POST` a new entity into a collection.
pub struct Create<E> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> E>,
}

/// Writes a value of the declared type without naming its type.
struct AsDeclared<'a, T>(&'a T);

impl<T: WriteStructured> Serialize for AsDeclared<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_structured(serializer, false)
    }
}

impl<E: EntityType> Create<E> {
    pub(crate) fn new(node: Node, body: &E::Read) -> Self {
        let mut parts = Parts::new(http::Method::POST, node);
        parts.json_body(&AsDeclared(body));
        Create {
            parts,
            _p: PhantomData,
        }
    }
}

output!([E: EntityType] Create<E>, E::Read, json_response);

/// `PATCH` an entity: only the properties set in the body change.
pub struct Update<E> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> E>,
}

impl<E: EntityType> Update<E> {
    pub(crate) fn new(node: Node, body: &E::Update) -> Self {
        let mut parts = Parts::new(http::Method::PATCH, node);
        parts.json_body(body);
        Update {
            parts,
            _p: PhantomData,
        }
    }

    /// `If-Match`: update only if the entity still has this entity tag.
    #[must_use]
    pub fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }
}

output!([E: EntityType] Update<E>, Option<E::Read>, json_response);

/// `DELETE` an entity.
pub struct Delete {
    pub(crate) parts: Parts,
}

impl Delete {
    pub(crate) fn new(node: Node) -> Self {
        Delete {
            parts: Parts::new(http::Method::DELETE, node),
        }
    }

    /// `If-Match`: delete only if the entity still has this entity tag.
    #[must_use]
    pub fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }
}

output!([] Delete, NoContent, no_content);

/// A structural property of an entity, addressed by its path: `GET` it, or `PATCH`
/// a complex one.
pub struct Property<V> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> V>,
}

impl<V> Property<V> {
    pub(crate) fn new(node: Node) -> Self {
        Property {
            parts: Parts::new(http::Method::GET, node),
            _p: PhantomData,
        }
    }

    /// `PATCH` the (complex) property with the members set in `body`.
    #[must_use]
    pub fn update<B: Serialize>(mut self, body: &B) -> Self {
        self.parts.method = http::Method::PATCH;
        self.parts.json_body(body);
        self
    }
}

output!([V: DeserializeOwned] Property<V>, V, json_response);

/// The media stream of an entity (`…/$value`): `GET` it.
pub struct Media {
    pub(crate) parts: Parts,
}

impl Media {
    pub(crate) fn new(node: Node) -> Self {
        Media {
            parts: Parts::new(http::Method::GET, node),
        }
    }

    /// `PUT` new content.
    #[must_use]
    pub fn put(self, content: Vec<u8>, content_type: &str) -> MediaUpload {
        MediaUpload::new(self.parts, http::Method::PUT, content, content_type)
    }

    /// `PATCH` new content (Outlook accepts both `PUT` and `PATCH` for photos).
    #[must_use]
    pub fn patch(self, content: Vec<u8>, content_type: &str) -> MediaUpload {
        MediaUpload::new(self.parts, http::Method::PATCH, content, content_type)
    }
}

fn bytes(status: http::StatusCode, body: &[u8]) -> Result<Vec<u8>, ResponseError> {
    check_status(status, body).map(<[u8]>::to_vec)
}

output!([] Media, Vec<u8>, bytes);

/// New content for a media stream.
pub struct MediaUpload {
    pub(crate) parts: Parts,
}

impl MediaUpload {
    fn new(mut parts: Parts, method: http::Method, content: Vec<u8>, content_type: &str) -> Self {
        parts.method = method;
        parts.body = Some(Ok((content, content_type.to_owned())));
        MediaUpload { parts }
    }
}

output!([] MediaUpload, NoContent, no_content);
