//! Deadlines (moving here).
