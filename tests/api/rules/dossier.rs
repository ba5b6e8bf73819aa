//! Use-case tests of `app::dossier`, on a fresh demo database, without HTTP.
