//! Print → reparse round trips (filled in below).
