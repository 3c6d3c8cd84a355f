//! Method sets shared by several request builders: headers and `build`, and the
//! query options, each with the capability bound the resource's state must meet.

/// `header`, `prefer`, `max_page_size` and `build` for a request type with a `parts:
/// Parts` field and an `ODataRequest` impl.
macro_rules! request_methods {
    ([$($g:tt)*] $ty:ty) => {
        impl<$($g)*> $ty {
            /// Adds a request header, such as `X-AnchorMailbox: user@contoso.com`.
            /// Invalid names or values fail [`build`](Self::build). With generated
            /// builders: `service.me().messages().list().header("X-AnchorMailbox",
            /// "alexd@contoso.com")`.
            #[must_use]
            pub fn header(mut self, name: &str, value: &str) -> Self {
                self.parts.headers.push((name.to_owned(), value.to_owned()));
                self
            }

            /// Adds a `Prefer` header with one preference, such as
            /// `outlook.body-content-type="text"` or `odata.maxpagesize=50`; each call
            /// adds one header line. With generated builders:
            /// `service.me().messages().by_key(id).get().prefer(r#"outlook.body-content-type="text""#)`.
            #[must_use]
            pub fn prefer(self, preference: &str) -> Self {
                self.header("Prefer", preference)
            }

            /// Adds a custom query option `name=value`: a service-specific parameter
            /// outside OData's system options, such as Outlook's `startDateTime` and
            /// `endDateTime` on `CalendarView`. Name and value are percent-encoded, so
            /// a value cannot add options; a name that is empty or starts with `$` or
            /// `@` fails [`build`](Self::build) (the typed methods write those).
            #[must_use]
            pub fn custom_option(mut self, name: &str, value: &str) -> Self {
                if name.is_empty() || name.starts_with(['$', '@']) {
                    self.parts.query.fail(Some(Box::new(
                        $crate::client::BuildError::CustomOption { name: name.to_owned() },
                    )));
                } else {
                    self.parts.query.custom.push((name.to_owned(), value.to_owned()));
                }
                self
            }

            /// The HTTP request.
            ///
            /// # Errors
            ///
            /// A value had no literal form, a search term or header was invalid, or
            /// the body could not be written.
            pub fn build(self) -> Result<http::Request<Vec<u8>>, $crate::client::BuildError> {
                $crate::client::request::ODataRequest::build(self)
            }

            /// The HTTP request and the reader of its response.
            ///
            /// # Errors
            ///
            /// As [`build`](Self::build).
            pub fn build_with_reader(
                self,
            ) -> Result<
                $crate::client::request::Built<<Self as $crate::client::request::ODataRequest>::Output>,
                $crate::client::BuildError,
            > {
                $crate::client::request::ODataRequest::build_with_reader(self)
            }
        }
    };
}

/// `filter` and `search` on a request type with a `parts.query: QueryParts` field,
/// for entity type `$e` in state `$c`.
macro_rules! filter_methods {
    ([$($g:tt)*] $ty:ty, $e:ty, $c:ty, $($q:ident).+) => {
        impl<$($g)*> $ty {
            /// `$filter`: the entities for which `predicate` holds. The accessors offer
            /// only the properties the resource allows filtering on, and the operators
            /// only the functions the service allows; calling again replaces the filter.
            #[must_use]
            pub fn filter(
                mut self,
                predicate: impl FnOnce(
                    <$e as $crate::client::query::HasFields>::Fields<
                        $crate::client::query::Filtering<$c>,
                        $crate::client::query::Filtering<$c>,
                    >,
                ) -> $crate::client::query::Expr<bool, $crate::client::query::Filtering<$c>>,
            ) -> Self
            where
                $c: $crate::client::query::FilterSupported,
            {
                let fields = $crate::client::query::Fields::from_segments(
                    $crate::client::query::Segments::root(),
                );
                self.$($q).+.set_filter(predicate(fields));
                self
            }

            /// `$search`: the entities that match `search`.
            #[must_use]
            pub fn search(mut self, search: $crate::client::query::Search) -> Self
            where
                $c: $crate::client::query::Searchable,
            {
                self.$($q).+.set_search(search);
                self
            }
        }
    };
}

/// `select` and `expand` for entity type `$e` in state `$c`.
macro_rules! select_methods {
    ([$($g:tt)*] $ty:ty, $e:ty, $c:ty, $($q:ident).+) => {
        impl<$($g)*> $ty {
            /// `$select`: only these properties (paths, complex members, tuples of
            /// them); calling again replaces the list.
            #[must_use]
            pub fn select<L: $crate::client::query::SelectList<$crate::client::query::Selecting<$c>>>(
                mut self,
                items: impl FnOnce(
                    <$e as $crate::client::query::HasFields>::Fields<
                        $crate::client::query::Selecting<$c>,
                        $crate::client::query::Selecting<$c>,
                    >,
                ) -> L,
            ) -> Self
            where
                $c: $crate::client::query::SelectSupported,
            {
                let fields = $crate::client::query::Fields::from_segments(
                    $crate::client::query::Segments::root(),
                );
                self.$($q).+.set_select(items(fields));
                self
            }

            /// `$expand`: these navigation properties, each with its own nested
            /// options (checked against the related resource's capabilities).
            #[must_use]
            pub fn expand<L: $crate::client::query::ExpandList<$crate::client::query::Expanding<$c>>>(
                mut self,
                items: impl FnOnce(
                    <$e as $crate::client::query::HasFields>::Fields<
                        $crate::client::query::Expanding<$c>,
                        $crate::client::query::Expanding<$c>,
                    >,
                ) -> L,
            ) -> Self
            where
                $c: $crate::client::query::ExpandSupported,
            {
                let fields = $crate::client::query::Fields::from_segments(
                    $crate::client::query::Segments::root(),
                );
                self.$($q).+.set_expand(items(fields));
                self
            }
        }
    };
}

/// `orderby`, `top`, `skip` and `count` for entity type `$e` in state `$c`.
macro_rules! page_methods {
    ([$($g:tt)*] $ty:ty, $e:ty, $c:ty, $($q:ident).+) => {
        impl<$($g)*> $ty {
            /// `$orderby`: sort by these properties (ascending unless `.desc()`); only
            /// sortable ones are offered. Calling again replaces the list.
            #[must_use]
            pub fn orderby<L: $crate::client::query::OrderByList<$crate::client::query::Sorting<$c>>>(
                mut self,
                items: impl FnOnce(
                    <$e as $crate::client::query::HasFields>::Fields<
                        $crate::client::query::Sorting<$c>,
                        $crate::client::query::Sorting<$c>,
                    >,
                ) -> L,
            ) -> Self
            where
                $c: $crate::client::query::SortSupported,
            {
                let fields = $crate::client::query::Fields::from_segments(
                    $crate::client::query::Segments::root(),
                );
                self.$($q).+.set_orderby(items(fields));
                self
            }

            /// `$top`: at most `n` entities.
            #[must_use]
            pub fn top(mut self, n: u64) -> Self
            where
                $c: $crate::client::query::TopSupported,
            {
                self.$($q).+.top = Some(n);
                self
            }

            /// `$skip`: leave out the first `n` entities.
            #[must_use]
            pub fn skip(mut self, n: u64) -> Self
            where
                $c: $crate::client::query::SkipSupported,
            {
                self.$($q).+.skip = Some(n);
                self
            }

            /// `$count=true|false`: include the total number of entities.
            #[must_use]
            pub fn count(mut self, include: bool) -> Self
            where
                $c: $crate::client::query::Countable,
            {
                self.$($q).+.count = Some(include);
                self
            }
        }
    };
}
