//! The Balans instrument: one definition, two mirrored forms.
//!
//! Every item has a stable id that never changes meaning. Its texts live in
//! the language catalogues under `item.<id>.citizen` and
//! `item.<id>.professional`, its answer options under the scale's keys, so the
//! instrument itself holds no sentences. A citizen item ("Ik …") always has a
//! professional twin ("Deze inwoner …") on the same scale; the professional
//! form adds the approach section (`aanpak`).

use serde::Serialize;

/// Version of the instrument. Bump the minor number for new items, the major
/// number when an item changes meaning (which should never happen: add a new
/// id instead).
pub const INSTRUMENT_VERSION: &str = "1.0";

/// Who fills in a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The inwoner answers about themself.
    Citizen,
    /// The wijkteam professional answers about the inwoner.
    Professional,
}

impl Role {
    /// Both roles, citizen first.
    pub const ALL: [Role; 2] = [Role::Citizen, Role::Professional];

    /// Short code used in ids, file names and the dataset.
    pub fn code(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Professional => "professional",
        }
    }
}

/// The three measurement moments of the study.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub enum Moment {
    /// Intake.
    T0,
    /// About six months after the intake.
    T1,
    /// About a year after the intake.
    T2,
}

impl Moment {
    /// All moments in time order.
    pub const ALL: [Moment; 3] = [Moment::T0, Moment::T1, Moment::T2];

    /// "T0", "T1" or "T2".
    pub fn code(self) -> &'static str {
        match self {
            Moment::T0 => "T0",
            Moment::T1 => "T1",
            Moment::T2 => "T2",
        }
    }

    /// Parses "T0", "T1" or "T2" (case-insensitive).
    pub fn from_code(code: &str) -> Option<Moment> {
        match code.to_ascii_uppercase().as_str() {
            "T0" => Some(Moment::T0),
            "T1" => Some(Moment::T1),
            "T2" => Some(Moment::T2),
            _ => None,
        }
    }

    /// Zero-based position in time, used for ordering and indexing.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Sections of the questionnaire, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Background, asked at T0 only.
    Intro,
    /// The five competences (draagkracht).
    Competences,
    /// The social network (draagkracht).
    Network,
    /// Use of community services, the voorliggend veld (draagkracht).
    Services,
    /// The eight life domains (draaglast).
    Burden,
    /// The person's own sense of worries against strength.
    Balance,
    /// What the person actually did in the last four weeks.
    Behaviour,
    /// The professional's approach: goals, interventions, the citizen's say.
    Approach,
}

impl Section {
    /// All sections in questionnaire order.
    pub const ALL: [Section; 8] = [
        Section::Intro,
        Section::Competences,
        Section::Network,
        Section::Services,
        Section::Burden,
        Section::Balance,
        Section::Behaviour,
        Section::Approach,
    ];

    /// Catalogue key of the section's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Section::Intro => "section.intro",
            Section::Competences => "section.competences",
            Section::Network => "section.network",
            Section::Services => "section.services",
            Section::Burden => "section.burden",
            Section::Balance => "section.balance",
            Section::Behaviour => "section.behaviour",
            Section::Approach => "section.approach",
        }
    }
}

/// The eight life domains of draaglast.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Domain {
    /// Money, bills and debts.
    Finances,
    /// Housing or shelter.
    Housing,
    /// Daytime activity: work, school, volunteering, day care.
    Daytime,
    /// Raising children.
    Parenting,
    /// Physical health.
    Physical,
    /// Mental health.
    Mental,
    /// School, courses, education.
    Education,
    /// Safety at home, domestic violence.
    Safety,
}

impl Domain {
    /// All domains in questionnaire order.
    pub const ALL: [Domain; 8] = [
        Domain::Finances,
        Domain::Housing,
        Domain::Daytime,
        Domain::Parenting,
        Domain::Physical,
        Domain::Mental,
        Domain::Education,
        Domain::Safety,
    ];

    /// Short code used in item ids and variable names.
    pub fn code(self) -> &'static str {
        match self {
            Domain::Finances => "finances",
            Domain::Housing => "housing",
            Domain::Daytime => "daytime",
            Domain::Parenting => "parenting",
            Domain::Physical => "physical",
            Domain::Mental => "mental",
            Domain::Education => "education",
            Domain::Safety => "safety",
        }
    }

    /// Catalogue key of the domain's everyday name.
    pub fn name_key(self) -> &'static str {
        match self {
            Domain::Finances => "domain.finances",
            Domain::Housing => "domain.housing",
            Domain::Daytime => "domain.daytime",
            Domain::Parenting => "domain.parenting",
            Domain::Physical => "domain.physical",
            Domain::Mental => "domain.mental",
            Domain::Education => "domain.education",
            Domain::Safety => "domain.safety",
        }
    }

    /// Catalogue key of the domain's name as staff speak of it
    /// ("Geestelijke gezondheid" where a citizen reads "Hoe u zich voelt"),
    /// for the professional's and the researcher's screens and files.
    pub fn staff_name_key(self) -> &'static str {
        match self {
            Domain::Finances => "domain.staff.finances",
            Domain::Housing => "domain.staff.housing",
            Domain::Daytime => "domain.staff.daytime",
            Domain::Parenting => "domain.staff.parenting",
            Domain::Physical => "domain.staff.physical",
            Domain::Mental => "domain.staff.mental",
            Domain::Education => "domain.staff.education",
            Domain::Safety => "domain.staff.safety",
        }
    }
}

/// What a scored item counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Own competences (draagkracht).
    Competences,
    /// Network (draagkracht).
    Network,
    /// Community services (draagkracht).
    Services,
    /// One burden domain (draaglast).
    Domain(Domain),
    /// Actual behaviour in the last four weeks.
    Behaviour,
}

/// Which forms carry an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Forms {
    /// Citizen and professional, mirrored.
    Both,
    /// Professional only (the approach section).
    ProfessionalOnly,
}

/// When an item is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asked {
    /// At T0, T1 and T2.
    EveryMoment,
    /// Only at the intake.
    IntakeOnly,
}

/// An answer scale: the codes stored and the catalogue keys of their labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Scale {
    /// Stable scale id, used in the codebook.
    pub id: &'static str,
    /// Options in display order: (stored code, catalogue key of the label).
    pub options: &'static [(i32, &'static str)],
    /// Whether the options form an ordered scale (scores, differences).
    pub ordinal: bool,
}

impl Scale {
    /// Lowest code on the scale.
    pub fn min(&self) -> i32 {
        self.options.iter().map(|o| o.0).min().unwrap_or(0)
    }

    /// Highest code on the scale.
    pub fn max(&self) -> i32 {
        self.options.iter().map(|o| o.0).max().unwrap_or(0)
    }

    /// Whether `code` is one of the scale's options.
    pub fn contains(&self, code: i32) -> bool {
        self.options.iter().any(|o| o.0 == code)
    }

    /// Catalogue key of the label of `code`.
    pub fn label_key(&self, code: i32) -> Option<&'static str> {
        self.options.iter().find(|o| o.0 == code).map(|o| o.1)
    }
}

/// How an item is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// One option of a scale.
    Single(Scale),
    /// Any number of options of a list.
    Multiple(Scale),
    /// Free text in the respondent's own words.
    Text,
}

/// One question of the instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable id, e.g. `comp.selfconfidence.1`.
    pub id: &'static str,
    /// Where the item is asked.
    pub section: Section,
    /// How it is answered.
    pub kind: ItemKind,
    /// Which forms carry it.
    pub forms: Forms,
    /// When it is asked.
    pub asked: Asked,
    /// Whether "n.v.t." (does not apply) is offered.
    pub not_applicable: bool,
    /// Whether a high answer means low capacity (reverse-keyed).
    pub reverse: bool,
    /// What the item's score counts towards, if anything.
    pub scored_in: Option<Dimension>,
    /// Which dimension a behaviour or help item sits beside in the comparison.
    pub relates_to: Option<Dimension>,
}

impl Item {
    /// Catalogue key of the question as the given role reads it.
    pub fn text_key(&self, role: Role) -> String {
        format!("item.{}.{}", self.id, role.code())
    }

    /// Catalogue key of an optional explanation below the question.
    pub fn hint_key(&self) -> String {
        format!("item.{}.hint", self.id)
    }

    /// Whether the role's form carries this item.
    pub fn on_form(&self, role: Role) -> bool {
        self.forms == Forms::Both || role == Role::Professional
    }

    /// Whether the item is asked at the moment.
    pub fn asked_at(&self, moment: Moment) -> bool {
        self.asked == Asked::EveryMoment || moment == Moment::T0
    }

    /// The scale of a closed item.
    pub fn scale(&self) -> Option<&Scale> {
        match &self.kind {
            ItemKind::Single(scale) | ItemKind::Multiple(scale) => Some(scale),
            ItemKind::Text => None,
        }
    }
}

macro_rules! options {
    ($($code:expr => $key:expr),* $(,)?) => { &[$(($code, $key)),*] };
}

/// 5-point agreement.
pub const AGREE5: Scale = Scale {
    id: "agree5",
    ordinal: true,
    options: options![
        1 => "scale.agree5.1", 2 => "scale.agree5.2", 3 => "scale.agree5.3",
        4 => "scale.agree5.4", 5 => "scale.agree5.5",
    ],
};

/// Use of a service in the last four weeks.
pub const USE4: Scale = Scale {
    id: "use4",
    ordinal: true,
    options: options![
        0 => "scale.use4.0", 1 => "scale.use4.1", 2 => "scale.use4.2", 3 => "scale.use4.3",
    ],
};

/// How a life domain is going now, from very bad to very good.
pub const STATUS5: Scale = Scale {
    id: "status5",
    ordinal: true,
    options: options![
        1 => "scale.status5.1", 2 => "scale.status5.2", 3 => "scale.status5.3",
        4 => "scale.status5.4", 5 => "scale.status5.5",
    ],
};

/// Who mainly helps in a life domain.
pub const HELPER4: Scale = Scale {
    id: "helper4",
    ordinal: false,
    options: options![
        1 => "scale.helper4.1", 2 => "scale.helper4.2", 3 => "scale.helper4.3", 4 => "scale.helper4.4",
    ],
};

/// 0 to 10.
pub const ZERO_TEN: Scale = Scale {
    id: "zero_ten",
    ordinal: true,
    options: options![
        0 => "scale.zero_ten.0", 1 => "scale.zero_ten.1", 2 => "scale.zero_ten.2",
        3 => "scale.zero_ten.3", 4 => "scale.zero_ten.4", 5 => "scale.zero_ten.5",
        6 => "scale.zero_ten.6", 7 => "scale.zero_ten.7", 8 => "scale.zero_ten.8",
        9 => "scale.zero_ten.9", 10 => "scale.zero_ten.10",
    ],
};

/// Never, once, more often (behaviour in the last four weeks).
pub const TIMES3: Scale = Scale {
    id: "times3",
    ordinal: true,
    options: options![0 => "scale.times3.0", 1 => "scale.times3.1", 2 => "scale.times3.2"],
};

/// Age groups.
pub const AGE_GROUP: Scale = Scale {
    id: "age_group",
    ordinal: true,
    options: options![
        1 => "scale.age_group.1", 2 => "scale.age_group.2", 3 => "scale.age_group.3",
        4 => "scale.age_group.4", 5 => "scale.age_group.5", 6 => "scale.age_group.6",
    ],
};

/// Household composition.
pub const HOUSEHOLD: Scale = Scale {
    id: "household",
    ordinal: false,
    options: options![
        1 => "scale.household.1", 2 => "scale.household.2", 3 => "scale.household.3",
        4 => "scale.household.4", 5 => "scale.household.5", 6 => "scale.household.6",
    ],
};

/// Who asked for help.
pub const ASKER: Scale = Scale {
    id: "asker",
    ordinal: false,
    options: options![
        1 => "scale.asker.1", 2 => "scale.asker.2", 3 => "scale.asker.3",
        4 => "scale.asker.4", 5 => "scale.asker.5",
    ],
};

/// Interventions the professional chose (several may apply).
pub const INTERVENTIONS: Scale = Scale {
    id: "interventions",
    ordinal: false,
    options: options![
        1 => "scale.interventions.1", 2 => "scale.interventions.2", 3 => "scale.interventions.3",
        4 => "scale.interventions.4", 5 => "scale.interventions.5", 6 => "scale.interventions.6",
        7 => "scale.interventions.7",
    ],
};

/// Every scale the instrument uses.
pub const SCALES: &[Scale] = &[
    AGREE5,
    USE4,
    STATUS5,
    HELPER4,
    ZERO_TEN,
    TIMES3,
    AGE_GROUP,
    HOUSEHOLD,
    ASKER,
    INTERVENTIONS,
];

const fn item(id: &'static str, section: Section, kind: ItemKind) -> Item {
    Item {
        id,
        section,
        kind,
        forms: Forms::Both,
        asked: Asked::EveryMoment,
        not_applicable: false,
        reverse: false,
        scored_in: None,
        relates_to: None,
    }
}

const fn intro(id: &'static str, kind: ItemKind) -> Item {
    Item {
        asked: Asked::IntakeOnly,
        ..item(id, Section::Intro, kind)
    }
}

const fn scored(id: &'static str, section: Section, scale: Scale, dim: Dimension) -> Item {
    Item {
        scored_in: Some(dim),
        relates_to: Some(dim),
        ..item(id, section, ItemKind::Single(scale))
    }
}

const fn comp(id: &'static str) -> Item {
    scored(id, Section::Competences, AGREE5, Dimension::Competences)
}

const fn net(id: &'static str) -> Item {
    scored(id, Section::Network, AGREE5, Dimension::Network)
}

const fn svc(id: &'static str) -> Item {
    scored(id, Section::Services, USE4, Dimension::Services)
}

const fn reversed(item: Item) -> Item {
    Item {
        reverse: true,
        ..item
    }
}

const fn domain_status(id: &'static str, domain: Domain) -> Item {
    Item {
        not_applicable: true,
        ..scored(id, Section::Burden, STATUS5, Dimension::Domain(domain))
    }
}

const fn domain_helper(id: &'static str, domain: Domain) -> Item {
    Item {
        not_applicable: true,
        relates_to: Some(Dimension::Domain(domain)),
        ..item(id, Section::Burden, ItemKind::Single(HELPER4))
    }
}

const fn behaviour(id: &'static str, relates_to: Dimension) -> Item {
    Item {
        scored_in: Some(Dimension::Behaviour),
        relates_to: Some(relates_to),
        ..item(id, Section::Behaviour, ItemKind::Single(TIMES3))
    }
}

const fn approach(id: &'static str, kind: ItemKind) -> Item {
    Item {
        forms: Forms::ProfessionalOnly,
        ..item(id, Section::Approach, kind)
    }
}

/// Every item, in questionnaire order.
pub const ITEMS: &[Item] = &[
    intro("intro.age_group", ItemKind::Single(AGE_GROUP)),
    intro("intro.household", ItemKind::Single(HOUSEHOLD)),
    intro("intro.asker", ItemKind::Single(ASKER)),
    intro("intro.question", ItemKind::Text),
    comp("comp.selfconfidence.1"),
    comp("comp.selfconfidence.2"),
    comp("comp.selfknowledge.1"),
    comp("comp.selfknowledge.2"),
    comp("comp.perseverance.1"),
    reversed(comp("comp.perseverance.2")),
    comp("comp.responsibility.1"),
    comp("comp.responsibility.2"),
    comp("comp.assertiveness.1"),
    comp("comp.assertiveness.2"),
    net("net.talk"),
    net("net.practical"),
    net("net.emergency"),
    net("net.contact"),
    reversed(net("net.lonely")),
    net("net.giveback"),
    svc("svc.community_centre"),
    svc("svc.health_centre"),
    svc("svc.club"),
    svc("svc.volunteering"),
    svc("svc.information"),
    domain_status("dom.finances.status", Domain::Finances),
    domain_helper("dom.finances.helper", Domain::Finances),
    domain_status("dom.housing.status", Domain::Housing),
    domain_helper("dom.housing.helper", Domain::Housing),
    domain_status("dom.daytime.status", Domain::Daytime),
    domain_helper("dom.daytime.helper", Domain::Daytime),
    domain_status("dom.parenting.status", Domain::Parenting),
    domain_helper("dom.parenting.helper", Domain::Parenting),
    domain_status("dom.physical.status", Domain::Physical),
    domain_helper("dom.physical.helper", Domain::Physical),
    domain_status("dom.mental.status", Domain::Mental),
    domain_helper("dom.mental.helper", Domain::Mental),
    domain_status("dom.education.status", Domain::Education),
    domain_helper("dom.education.helper", Domain::Education),
    domain_status("dom.safety.status", Domain::Safety),
    domain_helper("dom.safety.helper", Domain::Safety),
    item("bal.worries", Section::Balance, ItemKind::Single(ZERO_TEN)),
    item("bal.strength", Section::Balance, ItemKind::Single(ZERO_TEN)),
    behaviour("beh.own_solution", Dimension::Competences),
    behaviour("beh.paperwork", Dimension::Competences),
    behaviour("beh.kept_appointment", Dimension::Competences),
    behaviour("beh.asked_help", Dimension::Network),
    behaviour("beh.met_people", Dimension::Network),
    behaviour("beh.activity", Dimension::Services),
    approach("approach.goals", ItemKind::Text),
    approach("approach.interventions", ItemKind::Multiple(INTERVENTIONS)),
    approach("approach.say_goals", ItemKind::Single(AGREE5)),
    approach("approach.say_plan", ItemKind::Single(AGREE5)),
    approach("approach.knows_citizen", ItemKind::Single(AGREE5)),
];

/// Looks up an item by its id.
pub fn item_by_id(id: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.id == id)
}

/// The items of one form at one moment, in order.
pub fn form_items(role: Role, moment: Moment) -> impl Iterator<Item = &'static Item> {
    ITEMS
        .iter()
        .filter(move |i| i.on_form(role) && i.asked_at(moment))
}

/// One screen of the questionnaire: a single item, or a life domain's two
/// items (how it goes, who helps) together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Page {
    /// The section the page belongs to.
    pub section: Section,
    /// The items on the page, in order.
    pub items: Vec<&'static Item>,
}

/// Splits a form into screens. A burden domain's status and helper items share
/// a screen so the person thinks about one life domain at a time.
pub fn pages(role: Role, moment: Moment) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for item in form_items(role, moment) {
        let joins_previous = item.section == Section::Burden
            && item.scored_in.is_none()
            && pages
                .last()
                .is_some_and(|p| p.items.len() == 1 && p.items[0].relates_to == item.relates_to);
        match pages.last_mut() {
            Some(page) if joins_previous => page.items.push(item),
            _ => pages.push(Page {
                section: item.section,
                items: vec![item],
            }),
        }
    }
    pages
}
