//! The analysis per municipality (issue 16, "per place"): for every
//! municipality of the invitations, per role and measure, the number of
//! scores and the mean at each moment and the change from T0 (people
//! measured at both moments, their mean change with its 95 % interval).
//! Each municipality's numbers are the analysis of its records alone
//! ([`analyse`] of [`only_place`]), so they equal what the analysis screen
//! shows when it is filtered to that municipality. Records without a
//! municipality are in no row.

use super::analysis::{analyse, Change};
use super::by_condition::{only_place, places, Place, FROM_START};
use super::dataset::{write_csv, Cell, Measure};
use super::import::ResearchData;
use crate::core::instrument::Role;

/// File name of the table per municipality.
pub const PLACES_CSV_NAME: &str = "balans_places.csv";

/// One municipality's numbers for one role and measure.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRow {
    /// The municipality.
    pub municipality: String,
    /// Whose forms.
    pub role: Role,
    /// Which score.
    pub measure: Measure,
    /// Number of scores per moment.
    pub n: [usize; 3],
    /// Mean score per moment.
    pub mean: [Option<f64>; 3],
    /// T0→T1 and T0→T2 ([`FROM_START`]).
    pub changes: Vec<Change>,
}

/// Every municipality's rows, by name, then role and measure as the
/// analysis orders them.
pub fn by_municipality(data: &ResearchData) -> Vec<PlaceRow> {
    places(data)
        .into_iter()
        .filter_map(|p| match p {
            Place::Municipality(m) => Some(m),
            Place::Team(_) => None,
        })
        .flat_map(|m| {
            let analysis = analyse(&only_place(data, &Place::Municipality(m.clone())));
            analysis
                .measures
                .into_iter()
                .map(move |row| PlaceRow {
                    municipality: m.clone(),
                    role: row.role,
                    measure: row.measure,
                    n: row.n,
                    mean: row.mean,
                    changes: row
                        .changes
                        .into_iter()
                        .filter(|c| FROM_START.contains(&(c.from, c.to)))
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn count(n: usize) -> Cell {
    Cell::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

fn cell(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Num)
}

/// The table per municipality as CSV: one row per municipality, role and
/// measure.
pub fn places_csv(rows: &[PlaceRow]) -> String {
    let mut header = vec![
        "municipality".to_string(),
        "role".into(),
        "measure".into(),
        "n_t0".into(),
        "n_t1".into(),
        "n_t2".into(),
        "mean_t0".into(),
        "mean_t1".into(),
        "mean_t2".into(),
    ];
    for (from, to) in FROM_START {
        let span = format!("{}_{}", from.code(), to.code()).to_lowercase();
        for what in ["n", "change", "ci_low", "ci_high"] {
            header.push(format!("{what}_{span}"));
        }
    }
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Text(r.municipality.clone()),
                Cell::Text(r.role.code().to_string()),
                Cell::Text(r.measure.code()),
            ];
            row.extend(r.n.iter().map(|n| count(*n)));
            row.extend(r.mean.iter().map(|m| cell(*m)));
            for (from, to) in FROM_START {
                let c = r.changes.iter().find(|c| (c.from, c.to) == (from, to));
                row.extend([
                    count(c.map_or(0, |c| c.n)),
                    cell(c.and_then(|c| c.t.as_ref().map(|t| t.mean_diff))),
                    cell(c.and_then(|c| c.ci.as_ref().map(|ci| ci.low))),
                    cell(c.and_then(|c| c.ci.as_ref().map(|ci| ci.high))),
                ]);
            }
            row
        })
        .collect();
    write_csv(header.iter().map(String::as_str), &rows)
}
