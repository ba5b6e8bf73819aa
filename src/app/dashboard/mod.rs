//! Movement dashboard (moving here).
