//! Models as achievements: a nomination cites recognised models, and a unit's award
//! history shows the models DIC recognised for it.

use crate::app::Result;
use crate::db::models::ModelRow;
use crate::db::repo::exemplary_models as repo;
use crate::db::DbConnection;
use crate::domain::exemplary_model::ModelStatus;
use crate::domain::validate::Checks;
use crate::error::ApiError;

/// Models one nomination cites at most.
pub const MAX_CITED: usize = 20;

/// The cited model ids, each once, every one a recognised model (422 naming
/// `model_ids[i]` for an unknown or not recognised one).
pub fn check_cited(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<String>> {
    if ids.len() > MAX_CITED {
        return Err(ApiError::invalid(
            "model_ids",
            format!("at most {MAX_CITED} models"),
            format!("tối đa {MAX_CITED} mô hình"),
        ));
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut c = Checks::new();
    let statuses = repo::statuses(conn, ids)?;
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let field = format!("model_ids[{i}]");
        match statuses.get(id) {
            None => c.fail(&field, "no such exemplary model", "không có mô hình này"),
            Some(ModelStatus::Recognized) => {}
            Some(s) => c.fail(
                &field,
                format!("only a recognized model is cited; this one is {s}"),
                "chỉ được dẫn mô hình đã được công nhận",
            ),
        }
        if out.contains(id) {
            c.fail(&field, "cited twice", "bị lặp");
        }
        out.push(id.clone());
    }
    c.finish()?;
    Ok(out)
}

/// The stored form of cited ids (`nominations.cited_model_ids`).
pub fn stored_citations(ids: &[String]) -> String {
    ids.join(" ")
}

/// The cited ids as stored, in the order given.
pub fn cited_ids(stored: &str) -> Vec<String> {
    stored.split_whitespace().map(str::to_string).collect()
}

/// A unit's recognised models (retired ones too: they were recognised).
pub fn recognitions_of_unit(conn: &mut DbConnection, unit_id: &str) -> Result<Vec<ModelRow>> {
    Ok(repo::recognized_of_unit(conn, unit_id)?)
}
