//! System query option values and nested options (ABNF section 2).

use std::borrow::Cow;

use nom::Err as NomErr;

use super::expand::parse_expand;
use super::expr::parse_common_expr;
use super::ident::{ident_len, parse_odata_identifier};
use super::orderby::{parse_compute, parse_orderby};
use super::search::{SearchPlace, parse_search_value};
use super::select::parse_select;
use super::{Cx, PError, PResult, Problem, commit, failure, peek, strip_ci};
use crate::query::ast::{Levels, QueryOption, QueryOptionKind, SystemQueryOption};
use crate::span::Span;

/// The system query options, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OptionName {
    Filter,
    Search,
    OrderBy,
    Top,
    Skip,
    Count,
    Select,
    Expand,
    Compute,
    Levels,
    Format,
    SkipToken,
    DeltaToken,
    Index,
    SchemaVersion,
    Id,
}

impl OptionName {
    const ALL: [OptionName; 16] = [
        OptionName::Filter,
        OptionName::Search,
        OptionName::OrderBy,
        OptionName::Top,
        OptionName::Skip,
        OptionName::Count,
        OptionName::Select,
        OptionName::Expand,
        OptionName::Compute,
        OptionName::Levels,
        OptionName::Format,
        OptionName::SkipToken,
        OptionName::DeltaToken,
        OptionName::Index,
        OptionName::SchemaVersion,
        OptionName::Id,
    ];

    /// The canonical spelling with `$`.
    pub(crate) const fn canonical(self) -> &'static str {
        match self {
            OptionName::Filter => "$filter",
            OptionName::Search => "$search",
            OptionName::OrderBy => "$orderby",
            OptionName::Top => "$top",
            OptionName::Skip => "$skip",
            OptionName::Count => "$count",
            OptionName::Select => "$select",
            OptionName::Expand => "$expand",
            OptionName::Compute => "$compute",
            OptionName::Levels => "$levels",
            OptionName::Format => "$format",
            OptionName::SkipToken => "$skiptoken",
            OptionName::DeltaToken => "$deltatoken",
            OptionName::Index => "$index",
            OptionName::SchemaVersion => "$schemaversion",
            OptionName::Id => "$id",
        }
    }

    /// The option a decoded name denotes: any case, `$` optional (OData 4.01), except
    /// `$skiptoken` and `$deltatoken`, whose ABNF rules require the `$`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        let (dollar, bare) = match name.strip_prefix('$') {
            Some(b) => (true, b),
            None => (false, name),
        };
        Self::ALL.into_iter().find(|o| {
            o.canonical()[1..].eq_ignore_ascii_case(bare)
                && (dollar || !matches!(o, OptionName::SkipToken | OptionName::DeltaToken))
        })
    }

    /// The option of a parsed value.
    pub(crate) fn of(option: &SystemQueryOption<'_>) -> Self {
        match option {
            SystemQueryOption::Filter(_) => OptionName::Filter,
            SystemQueryOption::Search(_) => OptionName::Search,
            SystemQueryOption::OrderBy(_) => OptionName::OrderBy,
            SystemQueryOption::Top(_) => OptionName::Top,
            SystemQueryOption::Skip(_) => OptionName::Skip,
            SystemQueryOption::Count(_) => OptionName::Count,
            SystemQueryOption::Select(_) => OptionName::Select,
            SystemQueryOption::Expand(_) => OptionName::Expand,
            SystemQueryOption::Compute(_) => OptionName::Compute,
            SystemQueryOption::Levels(_) => OptionName::Levels,
            SystemQueryOption::Format(_) => OptionName::Format,
            SystemQueryOption::SkipToken(_) => OptionName::SkipToken,
            SystemQueryOption::DeltaToken(_) => OptionName::DeltaToken,
            SystemQueryOption::Index(_) => OptionName::Index,
            SystemQueryOption::SchemaVersion(_) => OptionName::SchemaVersion,
            SystemQueryOption::Id(_) => OptionName::Id,
        }
    }
}

/// Where nested options are written; each place allows its own options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NestedPlace {
    /// `…/$count(…)`: `expandCountOption = filter / search`.
    Count,
    /// `…/$ref(…)`: `expandRefOption = expandCountOption / orderby / skip / top / inlinecount`.
    Ref,
    /// `nav(…)`: `expandOption = expandRefOption / select / expand / compute / levels / aliasAndValue`.
    Expand,
    /// `*(…)` in `$expand`: only `$levels`.
    StarExpand,
    /// `prop(…)` in `$select`: `selectOption = filter / search / inlinecount / orderby / skip / top / compute / select / aliasAndValue`.
    Select,
}

impl NestedPlace {
    fn allows(self, o: OptionName) -> bool {
        use OptionName as O;
        match self {
            NestedPlace::Count => matches!(o, O::Filter | O::Search),
            NestedPlace::Ref => matches!(
                o,
                O::Filter | O::Search | O::OrderBy | O::Skip | O::Top | O::Count
            ),
            NestedPlace::Expand => matches!(
                o,
                O::Filter
                    | O::Search
                    | O::OrderBy
                    | O::Skip
                    | O::Top
                    | O::Count
                    | O::Select
                    | O::Expand
                    | O::Compute
                    | O::Levels
            ),
            NestedPlace::StarExpand => matches!(o, O::Levels),
            NestedPlace::Select => matches!(
                o,
                O::Filter
                    | O::Search
                    | O::OrderBy
                    | O::Skip
                    | O::Top
                    | O::Count
                    | O::Compute
                    | O::Select
            ),
        }
    }

    fn allows_alias(self) -> bool {
        matches!(self, NestedPlace::Expand | NestedPlace::Select)
    }

    fn description(self) -> &'static str {
        match self {
            NestedPlace::Count => "in '/$count(…)'",
            NestedPlace::Ref => "after '/$ref'",
            NestedPlace::Expand => "in nested $expand options",
            NestedPlace::StarExpand => "after '*' in $expand (only $levels is)",
            NestedPlace::Select => "in nested $select options",
        }
    }
}

/// `expandOption *( SEMI expandOption )` and the other nested option lists; stops
/// before the closing parenthesis.
pub(crate) fn parse_nested_options<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: NestedPlace,
) -> PResult<'a, Vec<QueryOption<'a>>> {
    let mut options: Vec<QueryOption<'a>> = Vec::new();
    let mut seen: Vec<(OptionName, Span)> = Vec::new();
    let mut r = i;
    loop {
        let start = r;
        if peek(r) == Some(b'@') {
            // aliasAndValue = parameterAlias EQ parameterValue
            if !place.allows_alias() {
                return Err(NomErr::Failure(PError::new(
                    r,
                    Problem::NotAllowed {
                        name: "@alias",
                        place: place.description(),
                        len: 1,
                    },
                )));
            }
            let (after, name) = parse_odata_identifier(&r[1..])
                .map_err(commit(&r[1..], "an alias name after '@'"))?;
            let Some(v) = after.strip_prefix('=') else {
                return failure(after, "'=' after the alias name");
            };
            let (after, value) =
                parse_common_expr(cx, v).map_err(commit(v, "a value after '='"))?;
            options.push(QueryOption {
                kind: QueryOptionKind::Alias {
                    name: Cow::Borrowed(name),
                    value,
                },
                span: cx.span(start, after),
            });
            r = after;
        } else {
            let dollar = usize::from(peek(r) == Some(b'$'));
            let n = dollar + ident_len(&r[dollar..]).unwrap_or(0);
            if n == dollar {
                return failure(r, "a query option such as $filter=…");
            }
            let Some(name) = OptionName::from_name(&r[..n]) else {
                return Err(NomErr::Failure(PError::new(
                    r,
                    Problem::UnknownOption { len: n as u32 },
                )));
            };
            if !place.allows(name) {
                return Err(NomErr::Failure(PError::new(
                    r,
                    Problem::NotAllowed {
                        name: name.canonical(),
                        place: place.description(),
                        len: n as u32,
                    },
                )));
            }
            let name_span = Span::new(cx.pos(r), cx.pos(&r[n..]));
            if let Some((_, first)) = seen.iter().find(|(o, _)| *o == name) {
                return Err(NomErr::Failure(PError::new(
                    r,
                    Problem::Duplicate {
                        name: name.canonical(),
                        first: *first,
                    },
                )));
            }
            seen.push((name, name_span));
            let Some(v) = r[n..].strip_prefix('=') else {
                return failure(&r[n..], "'=' after the option name");
            };
            let (after, value) = parse_option_value(cx, name, v, true)?;
            options.push(QueryOption {
                kind: QueryOptionKind::System(value),
                span: cx.span(start, after),
            });
            r = after;
        }
        match r.strip_prefix(';') {
            Some(next) => r = next,
            None => return Ok((r, options)),
        }
    }
}

/// The value of a system query option. `nested` values end at `;` or `)`; top-level
/// values are the whole decoded text.
pub(crate) fn parse_option_value<'a>(
    cx: &Cx<'_>,
    name: OptionName,
    i: &'a str,
    nested: bool,
) -> PResult<'a, SystemQueryOption<'a>> {
    let what = expected_value(name);
    match name {
        OptionName::Filter => {
            let (r, e) = parse_common_expr(cx, i).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::Filter(e)))
        }
        OptionName::Search => {
            let place = if nested {
                SearchPlace::Nested
            } else {
                SearchPlace::TopLevel
            };
            let (r, s) = parse_search_value(cx, i, place).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::Search(s)))
        }
        OptionName::OrderBy => {
            let (r, items) = parse_orderby(cx, i).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::OrderBy(items)))
        }
        OptionName::Select => {
            let (r, items) = parse_select(cx, i).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::Select(items)))
        }
        OptionName::Expand => {
            let (r, items) = parse_expand(cx, i).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::Expand(items)))
        }
        OptionName::Compute => {
            let (r, items) = parse_compute(cx, i).map_err(commit(i, what))?;
            Ok((r, SystemQueryOption::Compute(items)))
        }
        OptionName::Top | OptionName::Skip => {
            let n = i.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return failure(i, what);
            }
            let Ok(v) = i[..n].parse::<u64>() else {
                let which = if name == OptionName::Top {
                    "the $top value"
                } else {
                    "the $skip value"
                };
                return Err(NomErr::Failure(PError::new(i, Problem::OutOfRange(which))));
            };
            let opt = if name == OptionName::Top {
                SystemQueryOption::Top(v)
            } else {
                SystemQueryOption::Skip(v)
            };
            Ok((&i[n..], opt))
        }
        OptionName::Count => {
            // inlinecount = ( "$count" / "count" ) EQ boolean
            if let Some(r) = strip_ci(i, "true") {
                Ok((r, SystemQueryOption::Count(true)))
            } else if let Some(r) = strip_ci(i, "false") {
                Ok((r, SystemQueryOption::Count(false)))
            } else {
                failure(i, what)
            }
        }
        OptionName::Levels => {
            // levels = ( "$levels" / "levels" ) EQ ( oneToNine *DIGIT / "max" )
            if let Some(r) = strip_ci(i, "max") {
                return Ok((r, SystemQueryOption::Levels(Levels::Max)));
            }
            let n = i.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 || i.starts_with('0') {
                return failure(i, what);
            }
            match i[..n].parse::<u32>() {
                Ok(v) => Ok((&i[n..], SystemQueryOption::Levels(Levels::Count(v)))),
                Err(_) => Err(NomErr::Failure(PError::new(
                    i,
                    Problem::OutOfRange("the $levels value"),
                ))),
            }
        }
        OptionName::Index => {
            // index = ( "$index" / "index" ) EQ [ "-" ] 1*DIGIT
            let sign = usize::from(peek(i) == Some(b'-'));
            let n = i[sign..].bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return failure(&i[sign..], what);
            }
            match i[..sign + n].parse::<i64>() {
                Ok(v) => Ok((&i[sign + n..], SystemQueryOption::Index(v))),
                Err(_) => Err(NomErr::Failure(PError::new(
                    i,
                    Problem::OutOfRange("the $index value"),
                ))),
            }
        }
        OptionName::Format => {
            let n = opaque_len(i, nested);
            let v = &i[..n];
            let ok = ["atom", "json", "xml"]
                .iter()
                .any(|k| v.eq_ignore_ascii_case(k))
                || v.split_once('/')
                    .is_some_and(|(a, b)| is_pchars(a) && is_pchars(b));
            if ok {
                Ok((&i[n..], SystemQueryOption::Format(Cow::Borrowed(v))))
            } else {
                failure(i, what)
            }
        }
        OptionName::SchemaVersion => {
            // schemaversion = ( "$schemaversion" / "schemaversion" ) EQ ( STAR / 1*unreserved )
            if let Some(r) = i.strip_prefix('*') {
                return Ok((r, SystemQueryOption::SchemaVersion(Cow::Borrowed("*"))));
            }
            let n = i
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
                .count();
            if n == 0 {
                return failure(i, what);
            }
            Ok((
                &i[n..],
                SystemQueryOption::SchemaVersion(Cow::Borrowed(&i[..n])),
            ))
        }
        OptionName::SkipToken | OptionName::DeltaToken | OptionName::Id => {
            // 1*qchar-no-AMP (IRI-in-query for $id): opaque
            let n = opaque_len(i, nested);
            if n == 0 {
                return failure(i, what);
            }
            let v = Cow::Borrowed(&i[..n]);
            let opt = match name {
                OptionName::SkipToken => SystemQueryOption::SkipToken(v),
                OptionName::DeltaToken => SystemQueryOption::DeltaToken(v),
                _ => SystemQueryOption::Id(v),
            };
            Ok((&i[n..], opt))
        }
    }
}

/// Length of an opaque value: all of it at the top level, up to `;` or `)` when nested.
fn opaque_len(i: &str, nested: bool) -> usize {
    if nested {
        i.find([';', ')']).unwrap_or(i.len())
    } else {
        i.len()
    }
}

/// `1*pchar` after decoding: printable, no whitespace, no `&`, `?`, `#` or `/`.
fn is_pchars(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '&' | '?' | '#' | '/'))
}

/// What a value of the option looks like, for errors.
pub(crate) const fn expected_value(name: OptionName) -> &'static str {
    match name {
        OptionName::Filter => "a Boolean expression after '$filter='",
        OptionName::Search => "a search expression after '$search='",
        OptionName::OrderBy => "an expression to order by after '$orderby='",
        OptionName::Select => "a property, '*' or an operation after '$select='",
        OptionName::Expand => "a navigation property, '*' or '$value' after '$expand='",
        OptionName::Compute => "'expression as name' after '$compute='",
        OptionName::Top => "a non-negative integer after '$top='",
        OptionName::Skip => "a non-negative integer after '$skip='",
        OptionName::Count => "'true' or 'false' after '$count='",
        OptionName::Levels => "a positive integer without leading zero or 'max' after '$levels='",
        OptionName::Index => "an integer after '$index='",
        OptionName::Format => {
            "'json', 'xml', 'atom' or a media type such as 'application/json' after '$format='"
        }
        OptionName::SchemaVersion => "'*' or a version after '$schemaversion='",
        OptionName::SkipToken => "a token after '$skiptoken='",
        OptionName::DeltaToken => "a token after '$deltatoken='",
        OptionName::Id => "an entity id after '$id='",
    }
}
