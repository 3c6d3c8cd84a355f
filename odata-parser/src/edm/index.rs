//! Hash indexes over the model vectors, keyed by name without storing keys:
//! a `hashbrown::HashTable` holds only ids and compares candidates against
//! the names stored in the model, so building an index allocates no strings.
//! Qualified names are hashed as (namespace, name) parts, so an
//! alias-qualified name can be looked up without building the full name.

use std::hash::{BuildHasher, Hasher};

use hashbrown::{DefaultHashBuilder, HashTable};

use super::ids::{ContainerChild, EntityContainerId, MemberId, SchemaItem, StructuredTypeId};

/// Exact or case-insensitive hashing of names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Case {
    Exact,
    Insensitive,
}

/// Hashes a name. Case-insensitively, the hash is that of the name's lowercase UTF-8 text,
/// fed in chunks through a stack buffer (no allocation, one hasher call per chunk); the
/// chunking depends only on the lowercase text, so names equal under [`eq_name`] hash equal.
pub(crate) fn write_name(h: &mut impl Hasher, s: &str, case: Case) {
    match case {
        Case::Exact => h.write(s.as_bytes()),
        Case::Insensitive => {
            let mut buf = [0u8; 64];
            let mut len = 0;
            for c in s.chars() {
                if c.is_ascii() {
                    if len == buf.len() {
                        h.write(&buf);
                        len = 0;
                    }
                    buf[len] = c.to_ascii_lowercase() as u8;
                    len += 1;
                } else {
                    for l in c.to_lowercase() {
                        if len + l.len_utf8() > buf.len() {
                            h.write(&buf[..len]);
                            len = 0;
                        }
                        len += l.encode_utf8(&mut buf[len..]).len();
                    }
                }
            }
            h.write(&buf[..len]);
        }
    }
    h.write_u8(0xff);
}

pub(crate) fn eq_name(a: &str, b: &str, case: Case) -> bool {
    match case {
        Case::Exact => a == b,
        Case::Insensitive => {
            a.eq_ignore_ascii_case(b)
                || (!a.is_ascii() || !b.is_ascii())
                    && a.chars()
                        .flat_map(char::to_lowercase)
                        .eq(b.chars().flat_map(char::to_lowercase))
        }
    }
}

/// The hash tables of one case mode.
#[derive(Clone, Default)]
pub(crate) struct NameTables {
    /// Schema children by (namespace, name).
    pub items: HashTable<SchemaItem>,
    /// Declared structural and navigation properties by (declaring type, name).
    pub members: HashTable<(StructuredTypeId, MemberId)>,
    /// Entity container children by (container, name).
    pub container_children: HashTable<(EntityContainerId, ContainerChild)>,
}

/// Hashing state shared by all tables of a model.
#[derive(Clone, Default)]
pub(crate) struct Hashing {
    pub build: DefaultHashBuilder,
}

impl Hashing {
    pub fn qualified(&self, namespace: &str, name: &str, case: Case) -> u64 {
        let mut h = self.build.build_hasher();
        write_name(&mut h, namespace, case);
        write_name(&mut h, name, case);
        h.finish()
    }

    pub fn member(&self, ty: StructuredTypeId, name: &str, case: Case) -> u64 {
        self.member_of(ty, self.name(name, case))
    }

    /// The hash of a name alone, for [`Self::member_of`]: a lookup along a chain of base
    /// types hashes the name once.
    pub fn name(&self, name: &str, case: Case) -> u64 {
        let mut h = self.build.build_hasher();
        write_name(&mut h, name, case);
        h.finish()
    }

    /// The member hash of (`ty`, the name whose [`Self::name`] hash is `name`).
    pub fn member_of(&self, ty: StructuredTypeId, name: u64) -> u64 {
        let mut h = self.build.build_hasher();
        match ty {
            StructuredTypeId::Entity(id) => h.write_u64(u64::from(id.0)),
            StructuredTypeId::Complex(id) => h.write_u64(u64::from(id.0) | 1 << 40),
        }
        h.write_u64(name);
        h.finish()
    }

    pub fn child(&self, container: EntityContainerId, name: &str, case: Case) -> u64 {
        let mut h = self.build.build_hasher();
        h.write_u32(container.0);
        write_name(&mut h, name, case);
        h.finish()
    }

    pub fn text(&self, s: &str) -> u64 {
        self.build.hash_one(s)
    }
}

impl std::fmt::Debug for NameTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameTables")
            .field("items", &self.items.len())
            .field("members", &self.members.len())
            .field("container_children", &self.container_children.len())
            .finish()
    }
}
