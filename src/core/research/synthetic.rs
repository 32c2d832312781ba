//! Made-up exports for tests, benchmarks and demonstrations: plausible
//! answers, deterministic for a seed, with household members, drop-outs,
//! missing codes and "n.v.t." domains. Nothing here is real data.
//!
//! Each person has a latent capacity and burden; capacity rises and burden
//! falls a little from moment to moment (what the study hopes to see), and
//! the professional's picture is the citizen's with some disagreement.

use crate::core::exchange::{ConsentRecord, Envelope, APP_VERSION, EXPORT_FORMAT, EXPORT_VERSION};
use crate::core::i18n::Lang;
use crate::core::instrument::{
    form_items, Dimension, Domain, Item, ItemKind, Moment, Role, Section, INSTRUMENT_VERSION,
    INTERVENTIONS,
};
use crate::core::instrument::{Answer, Answers, Missing};
use crate::core::links::Study;
use crate::core::plan::{Goal, Idea, Plan, Reached, Say, SmallStep, OTHER_INTERVENTION};
use crate::core::questionnaire::{Mode, Topic, Topics, CONSENT_TEXT_VERSION};
use crate::core::util::{iso8601, Millis};

/// 2026-01-05T09:00:00Z: the first intake of the made-up study.
const START: Millis = 1_767_603_600_000;
const HOUR: Millis = 3_600_000;
const DAY: Millis = 24 * HOUR;

/// A small deterministic random source (SplitMix64): the same seed always
/// gives the same data, without a dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Free texts with commas, quotes, line breaks and accents, so the CSV
/// writers are exercised.
const TEXTS: &[&str] = &[
    "Hulp bij schulden, \"huur\" en post",
    "Mijn zoon gaat niet naar school.\nIk weet niet wat ik moet doen.",
    "Eenzaamheid — sinds de verhuizing",
    "Werk zoeken; CV maken",
    "=SOM(A1:A9) is geen formule hier",
    "Crèche, café en geldzorgen",
];

/// What made-up exports carry beyond the answers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Synthetic {
    /// Professionals' exports carry a support plan (goals with the
    /// citizen's say, small steps, interventions, goals reached).
    pub plans: bool,
    /// A planted condition effect: people whose plan's goals were mostly
    /// their own idea (share ≥ ½, the `goals_own_share` rule) see their
    /// capacity rise by this much more per moment, in the generator's
    /// latent units (the general rise is 0.35). Needs `plans`.
    pub own_goals_effect: f64,
    /// Spread the respondents over the study's municipalities and teams
    /// (in turn, by respondent), instead of the study's own place for all.
    pub places: bool,
}

/// The study as invitations of respondent number `i` carry it: with
/// `spread`, the `i`-th of the study's (municipality, team) pairs in turn.
fn study_of(study: &Study, i: usize, spread: bool) -> Study {
    let pairs: Vec<(&str, &str)> = study
        .places
        .iter()
        .flat_map(|p| {
            p.teams
                .iter()
                .map(move |t| (p.municipality.as_str(), t.as_str()))
        })
        .collect();
    let mut out = study.clone();
    if spread && !pairs.is_empty() {
        let (municipality, team) = pairs[i % pairs.len()];
        out.municipality = Some(municipality.to_string());
        out.team = Some(team.to_string());
    }
    out
}

/// One made-up person: a household's main respondent or a member.
struct Person {
    respondent: String,
    member: Option<String>,
    capacity: f64,
    burden: f64,
    /// The professional's view differs by this much.
    bias: f64,
    /// Domains that do not apply to this person.
    not_applicable: Vec<Domain>,
    /// How many moments the person took part in (1–3).
    moments: usize,
    /// Whether a professional filled in the form too.
    with_professional: bool,
    /// The planted extra rise of capacity per moment.
    extra: f64,
}

fn person(rng: &mut Rng, respondent: String, member: Option<String>) -> Person {
    let moments = if rng.chance(0.85) {
        if rng.chance(0.8) {
            3
        } else {
            2
        }
    } else {
        1
    };
    let mut not_applicable = Vec::new();
    if rng.chance(0.5) {
        not_applicable.push(Domain::Parenting);
    }
    if rng.chance(0.6) {
        not_applicable.push(Domain::Education);
    }
    let with_professional = member.is_none() && rng.chance(0.85);
    Person {
        respondent,
        member,
        capacity: rng.normal(),
        burden: rng.normal(),
        bias: rng.normal() * 0.3,
        not_applicable,
        moments,
        with_professional,
        extra: 0.0,
    }
}

/// A code on an ordinal scale: `level` (about −2 … 2) spread over the scale.
fn scaled(item: &Item, level: f64) -> i32 {
    let scale = item.scale().expect("closed item");
    let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
    let mid = (min + max) / 2.0;
    let code = (mid + level * (max - min) / 4.0).round().clamp(min, max) as i32;
    if item.reverse {
        scale.max() + scale.min() - code
    } else {
        code
    }
}

fn answer(rng: &mut Rng, p: &Person, item: &Item, role: Role, moment: Moment) -> Option<Answer> {
    let t = moment.index() as f64;
    let view = if role == Role::Professional {
        p.bias
    } else {
        0.0
    };
    let capacity = p.capacity + (0.35 + p.extra) * t + view;
    let burden = p.burden - 0.3 * t - view;
    let noise = rng.normal() * 0.7;
    if let Some(Dimension::Domain(d)) = item.relates_to {
        if p.not_applicable.contains(&d) {
            return Some(Answer::Missing(Missing::NotApplicable));
        }
    }
    let roll = rng.unit();
    if roll < 0.04 {
        return None;
    }
    if roll < 0.07 && item.kind != ItemKind::Text {
        return Some(Answer::Missing(if roll < 0.055 {
            Missing::DontKnow
        } else {
            Missing::NoAnswer
        }));
    }
    Some(match item.kind {
        ItemKind::Text => Answer::Text(TEXTS[rng.below(TEXTS.len())].to_string()),
        ItemKind::Multiple(scale) => {
            let mut codes: Vec<i32> = scale
                .options
                .iter()
                .map(|o| o.0)
                .filter(|_| rng.chance(0.3))
                .collect();
            if codes.is_empty() {
                codes.push(scale.options[rng.below(scale.options.len())].0);
            }
            Answer::Choices(codes)
        }
        ItemKind::Single(scale) => {
            let level = match (item.section, item.scored_in) {
                (Section::Burden, Some(_)) => -burden + noise,
                (Section::Burden, None) => {
                    return Some(Answer::Value(scale.options[rng.below(4)].0));
                }
                (Section::Balance, _) if item.id == "bal.worries" => burden + noise,
                (Section::Intro, _) => {
                    return Some(Answer::Value(
                        scale.options[rng.below(scale.options.len())].0,
                    ));
                }
                _ => capacity + noise,
            };
            Answer::Value(scaled(item, level))
        }
    })
}

fn envelope(
    rng: &mut Rng,
    study: &Study,
    p: &Person,
    role: Role,
    moment: Moment,
    at: Millis,
    professional_id: &str,
) -> Envelope {
    let mut answers = Answers::new();
    for item in form_items(role, moment) {
        if let Some(a) = answer(rng, p, item, role, moment) {
            answers.insert(item.id.into(), a);
        }
    }
    let started = at + if role == Role::Professional { HOUR } else { 0 };
    Envelope {
        format: EXPORT_FORMAT.to_string(),
        version: EXPORT_VERSION,
        instrument_version: INSTRUMENT_VERSION.to_string(),
        app_version: APP_VERSION.to_string(),
        study: study.clone(),
        respondent: p.respondent.clone().into(),
        member: p.member.clone(),
        role,
        moment,
        language: if rng.chance(0.15) { Lang::En } else { Lang::Nl },
        started_at: iso8601(started),
        completed_at: Some(iso8601(
            started + 15 * 60_000 + rng.below(600) as Millis * 1000,
        )),
        exported_at: iso8601(started + 20 * 60_000),
        consent: (role == Role::Citizen).then(|| ConsentRecord {
            given_at: iso8601(started + 30_000),
            text_version: CONSENT_TEXT_VERSION.to_string(),
            study_text: study.consent_extra.clone(),
        }),
        answers,
        plan: None,
        professional_id: Some(professional_id.to_string()),
        topics: None,
        mode: None,
    }
    .with_own_say(p, role, moment)
}

impl Envelope {
    /// A made-up citizen's topics and mode, from a source of its own (seeded
    /// by respondent and moment) so the answers above stay as they were.
    fn with_own_say(mut self, p: &Person, role: Role, moment: Moment) -> Self {
        if role != Role::Citizen {
            return self;
        }
        let seed = p
            .respondent
            .bytes()
            .chain(p.member.iter().flat_map(|m| m.bytes()))
            .fold(moment as u64 + 1, |h, b| {
                h.wrapping_mul(31).wrapping_add(u64::from(b))
            });
        let mut rng = Rng::new(seed);
        let marked: Vec<Topic> = Topic::ALL.into_iter().filter(|_| rng.chance(0.2)).collect();
        self.topics = match marked.is_empty() {
            _ if rng.chance(0.2) => None,
            true => Some(Topics {
                none: true,
                ..Topics::default()
            }),
            false => Some(Topics {
                other: if marked.contains(&Topic::Other) {
                    TEXTS[rng.below(TEXTS.len())].to_string()
                } else {
                    String::new()
                },
                marked,
                none: false,
            }),
        };
        self.mode = match rng.below(5) {
            0 => None,
            1 => Some(Mode::WithSomeoneClose),
            2 => Some(Mode::WithProfessional),
            _ => Some(Mode::Alone),
        };
        self
    }
}

/// A made-up plan: 1–4 goals, mostly the citizen's own idea for about half
/// of the respondents, 0–5 small steps, some interventions, and goals
/// reached at T1 and T2. Drawn from its own random source so the answers
/// stay the same with or without plans.
fn made_up_plan(rng: &mut Rng, respondent: &str, at: Millis) -> Plan {
    let mut plan = Plan::new(respondent, at);
    plan.head.question = TEXTS[rng.below(TEXTS.len())].to_string();
    for (code, _) in INTERVENTIONS.options {
        if *code != OTHER_INTERVENTION && rng.chance(0.35) {
            plan.head.interventions.push(*code);
        }
    }
    let own_minded = rng.chance(0.5);
    for id in 1..=(1 + rng.below(4)) as u64 {
        let idea = if rng.chance(if own_minded { 0.85 } else { 0.15 }) {
            if rng.chance(0.6) {
                Idea::Citizen
            } else {
                Idea::Together
            }
        } else {
            Idea::Professional
        };
        let reached = |rng: &mut Rng| {
            Some(match rng.below(4) {
                0 => Reached::No,
                1 => Reached::Partly,
                2 => Reached::Yes,
                _ => Reached::Dropped,
            })
        };
        plan.goals.push(Goal {
            id,
            text: format!("Doel {id}"),
            say: Say {
                idea: Some(idea),
                agreed: Some(rng.chance(0.9)),
            },
            reached_t1: reached(rng),
            reached_t2: reached(rng),
            changed_at: at,
            removed: false,
        });
    }
    let goals = plan.goals.len() as u64;
    for id in 1..=rng.below(6) as u64 {
        plan.steps.push(SmallStep {
            id: 100 + id,
            goal: Some(1 + (id - 1) % goals),
            what: format!("Stap {id}"),
            how: String::new(),
            with_whom: String::new(),
            date: String::new(),
            say: Say {
                idea: Some(Idea::Together),
                agreed: Some(rng.chance(0.9)),
            },
            levers: Vec::new(),
            changed_at: at,
            removed: false,
        });
    }
    plan
}

/// The plan as it stood at `moment`: goals reached only from their moment
/// on, last changed at `at`.
fn plan_at(plan: &Plan, moment: Moment, at: Millis) -> Plan {
    let mut plan = plan.clone();
    for goal in &mut plan.goals {
        if moment < Moment::T1 {
            goal.reached_t1 = None;
        }
        if moment < Moment::T2 {
            goal.reached_t2 = None;
        }
    }
    plan.updated_at = at;
    plan
}

/// The made-up professionals' ids (10 hex digits, like the real ones).
const PROFESSIONAL_IDS: [&str; 3] = ["a1b2c3d4e5", "0f1e2d3c4b", "5a6b7c8d9e"];

/// Made-up exports of `people` respondents (some with a household member
/// who answers too) for `study`, in respondent order. Deterministic for a
/// seed.
pub fn synthetic_envelopes(seed: u64, people: usize, study: &Study) -> Vec<Envelope> {
    synthetic_envelopes_with(seed, people, study, Synthetic::default())
}

/// Made-up exports as [`synthetic_envelopes`], with plans and a planted
/// condition effect as `options` say. Without either the exports are
/// exactly those of [`synthetic_envelopes`].
pub fn synthetic_envelopes_with(
    seed: u64,
    people: usize,
    study: &Study,
    options: Synthetic,
) -> Vec<Envelope> {
    let mut rng = Rng::new(seed);
    let mut plan_rng = Rng::new(seed ^ 0x0051_A4E5_D0C5_u64);
    let mut out = Vec::new();
    for i in 0..people {
        let respondent = format!("R-{:04}", i + 1);
        let mut household = vec![person(&mut rng, respondent.clone(), None)];
        if i % 6 == 5 {
            household.push(person(&mut rng, respondent, Some("partner".to_string())));
        }
        let intake = START + i as Millis * 5 * HOUR;
        let plan = options
            .plans
            .then(|| made_up_plan(&mut plan_rng, &household[0].respondent, intake));
        if let Some(plan) = &plan {
            let ideas: Vec<Idea> = plan.goals().filter_map(|g| g.say.idea).collect();
            let own = ideas.iter().filter(|i| i.citizens_own()).count();
            if 2 * own >= ideas.len() {
                for p in &mut household {
                    p.extra = options.own_goals_effect;
                }
            }
        }
        // Three made-up professionals share the respondents, so the data
        // has a professional id column with more than one value.
        let professional_id = PROFESSIONAL_IDS[i % PROFESSIONAL_IDS.len()];
        let study = &study_of(study, i, options.places);
        for p in &household {
            for (m, moment) in Moment::ALL.into_iter().enumerate().take(p.moments) {
                let at = intake + m as Millis * 182 * DAY;
                out.push(envelope(
                    &mut rng,
                    study,
                    p,
                    Role::Citizen,
                    moment,
                    at,
                    professional_id,
                ));
                if p.with_professional {
                    let mut e = envelope(
                        &mut rng,
                        study,
                        p,
                        Role::Professional,
                        moment,
                        at,
                        professional_id,
                    );
                    e.plan = plan.as_ref().map(|plan| plan_at(plan, moment, at));
                    out.push(e);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::links::demo_study;
    use crate::core::research::check_envelope;

    #[test]
    fn the_same_seed_gives_the_same_data_and_every_export_is_valid() {
        let a = synthetic_envelopes(7, 30, &demo_study());
        assert_eq!(a, synthetic_envelopes(7, 30, &demo_study()));
        assert_ne!(a, synthetic_envelopes(8, 30, &demo_study()));
        for e in &a {
            assert_eq!(check_envelope(e), Ok(()), "{}", e.file_name());
        }
        assert!(a.iter().any(|e| e.member.is_some()));
        assert!(a.iter().any(|e| e.moment == Moment::T2));
    }
}
