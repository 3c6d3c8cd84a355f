//! Actions (`POST` with the parameters as a JSON body) and functions (`GET` with
//! the parameters in the URL), bound or imported.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Node;
use super::builders::{ODataRequest, Parts};
use crate::ast::{self, Literal};
use crate::client::ast_build;
use crate::client::query::IntoLiteral;
use crate::client::{BuildError, ResponseError};

/// An action call: `POST …/Ns.Action` with the parameters as a JSON object; the
/// response reads into `R` ([`NoContent`](super::NoContent) when it returns nothing).
pub struct Action<R> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> R>,
}

impl<R> Action<R> {
    /// An action with parameters (generated code).
    #[doc(hidden)]
    pub fn new<P: Serialize>(node: Node, parameters: &P) -> Self {
        let mut parts = Parts::new(http::Method::POST, node);
        parts.json_body(parameters);
        Action {
            parts,
            _p: PhantomData,
        }
    }

    /// An action without parameters: no body (generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn without_parameters(node: Node) -> Self {
        Action {
            parts: Parts::new(http::Method::POST, node),
            _p: PhantomData,
        }
    }
}

/// A function call: `GET …/Ns.Function(p=…)`; the response reads into `R`.
pub struct Function<R> {
    pub(crate) parts: Parts,
    _p: PhantomData<fn() -> R>,
}

impl<R> Function<R> {
    /// A call at `node` with parameter aliases (generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn new((node, aliases): (Node, Vec<ast::QueryOption<'static>>)) -> Self {
        let mut parts = Parts::new(http::Method::GET, node);
        parts.extra = aliases;
        Function {
            parts,
            _p: PhantomData,
        }
    }
}

macro_rules! operation_output {
    ($ty:ident) => {
        impl<R: DeserializeOwned> ODataRequest for $ty<R> {
            type Output = R;
            fn build(self) -> Result<http::Request<Vec<u8>>, BuildError> {
                self.parts.build()
            }
            fn read_response(status: http::StatusCode, body: &[u8]) -> Result<R, ResponseError> {
                super::builders::json_response(status, body)
            }
        }
        request_methods!([R: DeserializeOwned] $ty<R>);
    };
}
operation_output!(Action);
operation_output!(Function);

/// The parameters of a function call: primitive and enumeration values inline
/// (`p=1`), complex and collection values as parameter aliases (`p=@p&@p={…}`).
#[derive(Debug, Default)]
pub struct FunctionArgs {
    named: Vec<ast::NamedArg<'static>>,
    aliases: Vec<ast::QueryOption<'static>>,
    error: Option<BuildError>,
}

impl FunctionArgs {
    /// No arguments yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn fail(&mut self, e: BuildError) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// A primitive or enumeration argument, written as a literal.
    #[must_use]
    pub fn literal(mut self, name: &str, value: impl IntoLiteral) -> Self {
        match value.into_literal() {
            Ok(l) => self
                .named
                .push(ast_build::named_arg(name, ast_build::literal(l))),
            Err(e) => self.fail(e),
        }
        self
    }

    /// A complex or collection argument, written as JSON in a parameter alias.
    #[must_use]
    pub fn json<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => {
                let alias = format!("p_{name}");
                let reference = ast_build::alias_reference(&alias);
                self.named.push(ast_build::named_arg(name, reference));
                self.aliases.push(ast_build::alias(&alias, json_expr(v)));
            }
            Err(e) => self.fail(e.into()),
        }
        self
    }

    pub(crate) fn into_parts(
        self,
    ) -> (
        Vec<ast::NamedArg<'static>>,
        Vec<ast::QueryOption<'static>>,
        Option<BuildError>,
    ) {
        (self.named, self.aliases, self.error)
    }
}

/// A JSON value as an expression (the printer writes arrays and objects as JSON).
fn json_expr(v: serde_json::Value) -> ast::Expr<'static> {
    use serde_json::Value as V;
    match v {
        V::Null => ast_build::literal(Literal::Null),
        V::Bool(b) => ast_build::literal(Literal::Boolean(b)),
        V::Number(n) => ast_build::literal(match n.as_i64() {
            Some(i) => Literal::Integer(i),
            None => {
                let text = n.to_string();
                if text.contains(['e', 'E']) {
                    Literal::Double(ast_build::text(text))
                } else {
                    Literal::Decimal(ast_build::text(text))
                }
            }
        }),
        V::String(s) => ast_build::literal(Literal::String(ast_build::text(s))),
        V::Array(items) => ast_build::json_array(items.into_iter().map(json_expr).collect()),
        V::Object(members) => ast_build::json_object(
            members
                .into_iter()
                .map(|(k, v)| (ast_build::text(k), json_expr(v)))
                .collect(),
        ),
    }
}
