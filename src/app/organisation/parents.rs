//! Parent units (issue 12 item 6): a department's sub-units, the communes of a locality.
//! A unit may have one parent; the parent exists, covers the unit's whole period, and is
//! never the unit itself nor one of its sub-units (422 `unit_cycle`). A reorganised
//! unit keeps its parent, as it keeps its successor and its history.

use crate::app::Result;
use crate::db::models::UnitRow;
use crate::db::repo::organisation as repo;
use crate::db::DbConnection;
use crate::domain::organisation::{makes_cycle, within_parent_period};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// Checks `row.parent_id` (field errors into `c`) and, on a change of an existing
/// unit's period, that its sub-units still fit inside it. Answers the `unit_cycle`
/// refusal to raise once the field errors are out, if the parent would make the unit
/// its own ancestor.
pub(super) fn check_parent(
    conn: &mut DbConnection,
    c: &mut Checks,
    row: &UnitRow,
    existing: bool,
) -> Result<Option<ApiError>> {
    let mut cycle = None;
    if let Some(parent_id) = &row.parent_id {
        let chain = if parent_id == &row.id {
            Vec::new()
        } else {
            repo::ancestors_of(conn, parent_id)?
        };
        let ids: Vec<&str> = chain.iter().map(|r| r.id.as_str()).collect();
        if parent_id == &row.id || makes_cycle(&row.id, &ids) {
            let parent_name = chain.first().map_or(row.name.as_str(), |p| p.name.as_str());
            cycle = Some(ApiError::new(ErrorCode::UnitCycle).detail(
                format!(
                    "{parent_name} is {} itself or one of its sub-units: it cannot be its parent",
                    row.name
                ),
                format!(
                    "{parent_name} là chính {} hoặc đơn vị trực thuộc của nó: không thể là đơn vị cấp trên",
                    row.name
                ),
            ));
        } else if let Some(parent) = chain.first() {
            if !within_parent_period(
                row.valid_from,
                row.valid_to,
                parent.valid_from,
                parent.valid_to,
            ) {
                c.fail(
                    "parent_id",
                    format!(
                        "{} exists from {} to {}: a sub-unit neither starts before its parent nor outlives it",
                        parent.name,
                        parent.valid_from,
                        parent.valid_to.map_or("now".to_string(), |d| d.to_string())
                    ),
                    format!(
                        "{} có hiệu lực từ {} đến {}: đơn vị trực thuộc không bắt đầu trước và không kết thúc sau đơn vị cấp trên",
                        parent.name,
                        parent.valid_from.format("%d/%m/%Y"),
                        parent.valid_to.map_or("nay".to_string(), |d| d.format("%d/%m/%Y").to_string())
                    ),
                );
            }
        } else {
            c.fail("parent_id", "no such unit", "không có đơn vị này");
        }
    }
    if existing {
        let outliving: Vec<String> = repo::children_of(conn, &row.id)?
            .into_iter()
            .filter(|s| {
                !within_parent_period(s.valid_from, s.valid_to, row.valid_from, row.valid_to)
            })
            .map(|s| s.code)
            .collect();
        if !outliving.is_empty() {
            let list = outliving.join(", ");
            c.fail(
                "valid_to",
                format!("its sub-units {list} would fall outside its period: end or move them first"),
                format!("các đơn vị trực thuộc {list} sẽ nằm ngoài thời gian hiệu lực của đơn vị: hãy kết thúc hoặc chuyển chúng trước"),
            );
        }
    }
    Ok(cycle)
}

/// Whether `unit_id` is a sub-unit of `ancestor_id`, at any depth (not the unit itself).
pub fn is_descendant(conn: &mut DbConnection, unit_id: &str, ancestor_id: &str) -> Result<bool> {
    let chain = repo::ancestors_of(conn, unit_id)?;
    Ok(chain.iter().skip(1).any(|r| r.id == ancestor_id))
}
