//! Calendar reminders (RFC 5545), read back with a real iCalendar parser
//! (the `icalendar` crate, 0.17): the workspace's T1 and T2 due dates with a
//! reminder a week before, and the researcher's two interview moments. Only
//! the pseudonymous code is in them. Native only, like the parser.
#![cfg(not(target_arch = "wasm32"))]

use icalendar::parser::{read_calendar, unfold, Component};
use icalendar::{Calendar, CalendarComponent, Component as _, DatePerhapsTime};

use balans::core::i18n::Lang;
use balans::core::keys::generate_identity;
use balans::core::links::demo_study;
use balans::core::professional::{workspace_calendar, Workspace, T1_AFTER_DAYS, T2_AFTER_DAYS};
use balans::core::research::{
    interview_calendar, planned_interviews, InterviewPlan, INTERVIEW_1_AFTER_T0_DAYS,
};
use balans::core::util::{date, ical, CalendarEvent};

const DAY: u64 = 86_400_000;
const START: u64 = 1_799_020_800_000;

fn workspace() -> Workspace {
    let mut ws =
        Workspace::new(demo_study(), "Sanne de Vries", &generate_identity(), START).unwrap();
    ws.add_respondent("R-0107", START).unwrap();
    ws.add_respondent("R-0200", START + 10 * DAY).unwrap();
    ws
}

/// One parsed component: its properties (name, raw value) and children.
struct Parsed {
    properties: Vec<(String, String)>,
    components: Vec<Parsed>,
}

impl Parsed {
    fn of(c: &Component<'_>) -> Parsed {
        Parsed {
            properties: c
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect(),
            components: c.components.iter().map(Parsed::of).collect(),
        }
    }
}

/// The VEVENTs of a calendar file, parsed by the crate's strict parser.
fn events(text: &str) -> Vec<(String, Parsed)> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).expect("a valid iCalendar file");
    assert!(calendar
        .properties
        .iter()
        .any(|p| p.name.as_str() == "VERSION" && p.val.as_str() == "2.0"));
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| ("VEVENT".to_string(), Parsed::of(c)))
        .collect()
}

fn value<'a>(c: &'a Parsed, name: &str) -> &'a str {
    c.properties
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn day_of(ms: u64) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(&date(ms), "%Y-%m-%d").unwrap()
}

#[test]
fn a_workspace_calendar_holds_t1_and_t2_with_a_reminder_a_week_before() {
    let ws = workspace();
    let text = workspace_calendar(&ws, None, Lang::Nl, START).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let parsed = events(&text);
    assert_eq!(parsed.len(), 4, "T1 and T2 of two respondents");
    for (_, event) in &parsed {
        let alarm = event
            .components
            .iter()
            .find(|c| c.properties.iter().any(|(n, _)| n == "TRIGGER"))
            .expect("a reminder");
        assert_eq!(value(alarm, "TRIGGER"), "-P7D");
        assert_eq!(value(alarm, "ACTION"), "DISPLAY");
    }
    // The high-level reader gives the same dates: the due dates the
    // workspace computes.
    let calendar: Calendar = text.parse().unwrap();
    let mut starts: Vec<(String, DatePerhapsTime)> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((e.get_summary()?.to_string(), e.get_start()?)),
            _ => None,
        })
        .collect();
    starts.sort_by(|a, b| a.0.cmp(&b.0));
    let r0107 = ws.respondent("R-0107").unwrap();
    assert_eq!(starts[0].0, "Balans: T1 van respondent R-0107");
    assert_eq!(
        starts[0].1,
        DatePerhapsTime::Date(day_of(START + T1_AFTER_DAYS * DAY))
    );
    // Sorted by title: T1 of both, then T2 of both.
    assert_eq!(starts[2].0, "Balans: T2 van respondent R-0107");
    assert_eq!(
        starts[2].1,
        DatePerhapsTime::Date(day_of(r0107.due_at(balans::core::instrument::Moment::T2)))
    );
    assert_eq!(
        starts[3].1,
        DatePerhapsTime::Date(day_of(START + 10 * DAY + T2_AFTER_DAYS * DAY))
    );
    // Only the pseudonymous code: no name of the professional.
    assert!(!text.contains("Sanne"));

    // One respondent's file holds only theirs; an unknown code gives none.
    let one = workspace_calendar(&ws, Some("R-0200"), Lang::En, START).unwrap();
    let parsed = events(&one);
    assert_eq!(parsed.len(), 2);
    assert!(parsed
        .iter()
        .all(|(_, e)| value(e, "SUMMARY").contains("R-0200")));
    assert!(workspace_calendar(&ws, Some("R-9999"), Lang::Nl, START).is_none());
}

#[test]
fn interviews_are_four_weeks_after_t0_and_four_weeks_before_t2_and_can_be_moved() {
    let t0 = START;
    let [first, second] = planned_interviews(t0);
    assert_eq!(first, t0 + INTERVIEW_1_AFTER_T0_DAYS * DAY);
    assert_eq!(second, t0 + (T2_AFTER_DAYS - 28) * DAY);
    let moved = InterviewPlan {
        respondent: "R-0107".into(),
        days: [first + 3 * DAY, second],
    };
    let text = interview_calendar(&[moved], "Balans demo", Lang::Nl, START);
    let calendar: Calendar = text.parse().unwrap();
    let starts: Vec<DatePerhapsTime> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_start(),
            _ => None,
        })
        .collect();
    assert_eq!(
        starts,
        vec![
            DatePerhapsTime::Date(day_of(first + 3 * DAY)),
            DatePerhapsTime::Date(day_of(second)),
        ]
    );
    let parsed = events(&text);
    assert_eq!(
        value(&parsed[0].1, "SUMMARY"),
        "Balans: interview 1 over respondent R-0107"
    );
    assert_ne!(value(&parsed[0].1, "UID"), value(&parsed[1].1, "UID"));
}

#[test]
fn texts_are_escaped_and_folded_without_splitting_a_character() {
    let event = CalendarEvent {
        uid: "x@balans".into(),
        day: START,
        summary: "a, b; c\\ d\nnext".into(),
        description: "é".repeat(100),
        alarm: None,
    };
    let text = ical(&[event], "Naam, met komma", START);
    let calendar: Calendar = text.parse().unwrap();
    let e = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(e.get_summary(), Some("a, b; c\\ d\nnext"));
    assert_eq!(e.get_description(), Some("é".repeat(100).as_str()));
    assert!(text.split("\r\n").all(|l| l.len() <= 75));
}
