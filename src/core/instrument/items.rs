//! The Balans instrument: one definition, two mirrored forms.
//!
//! Every item has a stable id that never changes meaning. Its texts live in
//! the language catalogues under `item.<id>.citizen` and
//! `item.<id>.professional` (and `item.<id>.hint` / `item.<id>.professional_hint`
//! for an explanation), its answer options under the scale's keys, so the
//! instrument itself holds no sentences. Every text the professional's form
//! shows has its own wording about "de inwoner" (`pro.q.*` keys where the
//! citizen's text speaks as "ik"/"u"), chosen by the `Role` passed to the
//! typed key methods. The keys are spelled out when the table is compiled
//! ([`ItemKeys`]), never built at run time, so the catalogue tests see them. A citizen item ("Ik …") always has a
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

    /// Catalogue key of the moment's name as the citizen reads it ("Eerste
    /// keer").
    pub fn label_key(self) -> &'static str {
        match self {
            Moment::T0 => "moment.T0",
            Moment::T1 => "moment.T1",
            Moment::T2 => "moment.T2",
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

    /// Catalogue key of the section's title as the role reads it: the
    /// citizen's "Over u", the professional's "Over de inwoner".
    pub fn title_key(self, role: Role) -> &'static str {
        match (role, self) {
            (Role::Citizen, Section::Intro) => "section.intro",
            (Role::Citizen, Section::Competences) => "section.competences",
            (Role::Citizen, Section::Network) => "section.network",
            (Role::Citizen, Section::Services) => "section.services",
            (Role::Citizen, Section::Burden) => "section.burden",
            (Role::Citizen, Section::Balance) => "section.balance",
            (Role::Citizen, Section::Behaviour) => "section.behaviour",
            (Role::Citizen, Section::Approach) => "section.approach",
            (Role::Professional, Section::Intro) => "pro.q.section.intro",
            (Role::Professional, Section::Competences) => "pro.q.section.competences",
            (Role::Professional, Section::Network) => "pro.q.section.network",
            (Role::Professional, Section::Services) => "pro.q.section.services",
            (Role::Professional, Section::Burden) => "pro.q.section.burden",
            (Role::Professional, Section::Balance) => "pro.q.section.balance",
            (Role::Professional, Section::Behaviour) => "pro.q.section.behaviour",
            (Role::Professional, Section::Approach) => "pro.q.section.approach",
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

    /// Catalogue key of the domain's name as the heading of its screen on
    /// the role's form: the citizen's "Hoe u zich voelt" is the
    /// professional's "Geestelijke gezondheid".
    pub fn heading_key(self, role: Role) -> &'static str {
        match (role, self) {
            (Role::Citizen, _) => self.name_key(),
            (Role::Professional, Domain::Finances) => "pro.q.domain.finances",
            (Role::Professional, Domain::Housing) => "pro.q.domain.housing",
            (Role::Professional, Domain::Daytime) => "pro.q.domain.daytime",
            (Role::Professional, Domain::Parenting) => "pro.q.domain.parenting",
            (Role::Professional, Domain::Physical) => "pro.q.domain.physical",
            (Role::Professional, Domain::Mental) => "pro.q.domain.mental",
            (Role::Professional, Domain::Education) => "pro.q.domain.education",
            (Role::Professional, Domain::Safety) => "pro.q.domain.safety",
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
    /// The options as the professional's form shows them, where the
    /// citizen's labels speak as the citizen ("Ikzelf"): the same codes in
    /// the same order. `None`: both forms show `options`.
    #[serde(skip)]
    pub professional_options: Option<&'static [(i32, &'static str)]>,
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

    /// The options in display order as the role's form shows them.
    pub fn options_for(&self, role: Role) -> &'static [(i32, &'static str)] {
        match (role, self.professional_options) {
            (Role::Professional, Some(options)) => options,
            _ => self.options,
        }
    }

    /// Catalogue key of the label of `code` as the role's form shows it.
    pub fn label_key_for(&self, code: i32, role: Role) -> Option<&'static str> {
        self.options_for(role)
            .iter()
            .find(|o| o.0 == code)
            .map(|o| o.1)
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

/// The catalogue keys of an item's texts, written out by the `ids!` macro
/// from the item's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemKeys {
    /// The question as the citizen reads it: `item.<id>.citizen`.
    pub citizen: &'static str,
    /// The question as the professional reads it: `item.<id>.professional`.
    pub professional: &'static str,
    /// An explanation below the question, if the item has one:
    /// `item.<id>.hint`.
    pub hint: Option<&'static str>,
    /// The explanation as the professional reads it, present exactly when
    /// `hint` is: `item.<id>.professional_hint`.
    pub professional_hint: Option<&'static str>,
}

/// One question of the instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable id, e.g. `comp.selfconfidence.1`.
    pub id: &'static str,
    /// The catalogue keys of its texts (not part of the instrument's data).
    #[serde(skip)]
    pub keys: ItemKeys,
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
    pub fn text_key(&self, role: Role) -> &'static str {
        match role {
            Role::Citizen => self.keys.citizen,
            Role::Professional => self.keys.professional,
        }
    }

    /// Catalogue key of the explanation below the question as the given
    /// role reads it, if the item has one.
    pub fn hint_key(&self, role: Role) -> Option<&'static str> {
        match role {
            Role::Citizen => self.keys.hint,
            Role::Professional => self.keys.professional_hint,
        }
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
    professional_options: None,
    options: options![
        1 => "scale.agree5.1", 2 => "scale.agree5.2", 3 => "scale.agree5.3",
        4 => "scale.agree5.4", 5 => "scale.agree5.5",
    ],
};

/// Use of a service in the last four weeks.
pub const USE4: Scale = Scale {
    id: "use4",
    ordinal: true,
    professional_options: None,
    options: options![
        0 => "scale.use4.0", 1 => "scale.use4.1", 2 => "scale.use4.2", 3 => "scale.use4.3",
    ],
};

/// How a life domain is going now, from very bad to very good.
pub const STATUS5: Scale = Scale {
    id: "status5",
    ordinal: true,
    professional_options: None,
    options: options![
        1 => "scale.status5.1", 2 => "scale.status5.2", 3 => "scale.status5.3",
        4 => "scale.status5.4", 5 => "scale.status5.5",
    ],
};

/// Who mainly helps in a life domain.
pub const HELPER4: Scale = Scale {
    id: "helper4",
    ordinal: false,
    // "Ik doe het zelf" is the citizen speaking.
    professional_options: Some(options![
        1 => "pro.q.scale.helper4.1", 2 => "scale.helper4.2", 3 => "scale.helper4.3", 4 => "scale.helper4.4",
    ]),
    options: options![
        1 => "scale.helper4.1", 2 => "scale.helper4.2", 3 => "scale.helper4.3", 4 => "scale.helper4.4",
    ],
};

/// 0 to 10.
pub const ZERO_TEN: Scale = Scale {
    id: "zero_ten",
    ordinal: true,
    professional_options: None,
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
    professional_options: None,
    options: options![0 => "scale.times3.0", 1 => "scale.times3.1", 2 => "scale.times3.2"],
};

/// Age groups.
pub const AGE_GROUP: Scale = Scale {
    id: "age_group",
    ordinal: true,
    professional_options: None,
    options: options![
        1 => "scale.age_group.1", 2 => "scale.age_group.2", 3 => "scale.age_group.3",
        4 => "scale.age_group.4", 5 => "scale.age_group.5", 6 => "scale.age_group.6",
    ],
};

/// Household composition.
pub const HOUSEHOLD: Scale = Scale {
    id: "household",
    ordinal: false,
    professional_options: None,
    options: options![
        1 => "scale.household.1", 2 => "scale.household.2", 3 => "scale.household.3",
        4 => "scale.household.4", 5 => "scale.household.5", 6 => "scale.household.6",
    ],
};

/// Who asked for help.
pub const ASKER: Scale = Scale {
    id: "asker",
    ordinal: false,
    // "Ikzelf", "Iemand uit mijn familie" are the citizen speaking.
    professional_options: Some(options![
        1 => "pro.q.scale.asker.1", 2 => "pro.q.scale.asker.2", 3 => "scale.asker.3",
        4 => "scale.asker.4", 5 => "scale.asker.5",
    ]),
    options: options![
        1 => "scale.asker.1", 2 => "scale.asker.2", 3 => "scale.asker.3",
        4 => "scale.asker.4", 5 => "scale.asker.5",
    ],
};

/// Interventions the professional chose (several may apply).
pub const INTERVENTIONS: Scale = Scale {
    id: "interventions",
    ordinal: false,
    professional_options: None,
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

/// An item's id with its catalogue keys: `ids!("net.talk")`, or
/// `ids!("svc.club", hint)` for an item with an explanation.
macro_rules! ids {
    ($id:literal) => {
        ids!(@ $id, None, None)
    };
    ($id:literal, hint) => {
        ids!(@ $id, Some(concat!("item.", $id, ".hint")),
            Some(concat!("item.", $id, ".professional_hint")))
    };
    (@ $id:literal, $hint:expr, $professional_hint:expr) => {
        (
            $id,
            ItemKeys {
                citizen: concat!("item.", $id, ".citizen"),
                professional: concat!("item.", $id, ".professional"),
                hint: $hint,
                professional_hint: $professional_hint,
            },
        )
    };
}

/// An item's id and its keys, as `ids!` writes them.
type Ids = (&'static str, ItemKeys);

const fn item((id, keys): Ids, section: Section, kind: ItemKind) -> Item {
    Item {
        id,
        keys,
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

const fn intro(id: Ids, kind: ItemKind) -> Item {
    Item {
        asked: Asked::IntakeOnly,
        ..item(id, Section::Intro, kind)
    }
}

const fn scored(id: Ids, section: Section, scale: Scale, dim: Dimension) -> Item {
    Item {
        scored_in: Some(dim),
        relates_to: Some(dim),
        ..item(id, section, ItemKind::Single(scale))
    }
}

const fn comp(id: Ids) -> Item {
    scored(id, Section::Competences, AGREE5, Dimension::Competences)
}

const fn net(id: Ids) -> Item {
    scored(id, Section::Network, AGREE5, Dimension::Network)
}

const fn svc(id: Ids) -> Item {
    scored(id, Section::Services, USE4, Dimension::Services)
}

const fn reversed(item: Item) -> Item {
    Item {
        reverse: true,
        ..item
    }
}

const fn domain_status(id: Ids, domain: Domain) -> Item {
    Item {
        not_applicable: true,
        ..scored(id, Section::Burden, STATUS5, Dimension::Domain(domain))
    }
}

const fn domain_helper(id: Ids, domain: Domain) -> Item {
    Item {
        not_applicable: true,
        relates_to: Some(Dimension::Domain(domain)),
        ..item(id, Section::Burden, ItemKind::Single(HELPER4))
    }
}

const fn behaviour(id: Ids, relates_to: Dimension) -> Item {
    Item {
        scored_in: Some(Dimension::Behaviour),
        relates_to: Some(relates_to),
        ..item(id, Section::Behaviour, ItemKind::Single(TIMES3))
    }
}

const fn approach(id: Ids, kind: ItemKind) -> Item {
    Item {
        forms: Forms::ProfessionalOnly,
        ..item(id, Section::Approach, kind)
    }
}

/// Every item, in questionnaire order.
pub const ITEMS: &[Item] = &[
    intro(ids!("intro.age_group"), ItemKind::Single(AGE_GROUP)),
    intro(ids!("intro.household"), ItemKind::Single(HOUSEHOLD)),
    intro(ids!("intro.asker"), ItemKind::Single(ASKER)),
    intro(ids!("intro.question"), ItemKind::Text),
    comp(ids!("comp.selfconfidence.1")),
    comp(ids!("comp.selfconfidence.2")),
    comp(ids!("comp.selfknowledge.1")),
    comp(ids!("comp.selfknowledge.2")),
    comp(ids!("comp.perseverance.1")),
    reversed(comp(ids!("comp.perseverance.2"))),
    comp(ids!("comp.responsibility.1")),
    comp(ids!("comp.responsibility.2")),
    comp(ids!("comp.assertiveness.1")),
    comp(ids!("comp.assertiveness.2")),
    net(ids!("net.talk")),
    net(ids!("net.practical")),
    net(ids!("net.emergency")),
    net(ids!("net.contact")),
    reversed(net(ids!("net.lonely"))),
    net(ids!("net.giveback")),
    svc(ids!("svc.community_centre")),
    svc(ids!("svc.health_centre")),
    svc(ids!("svc.club", hint)),
    svc(ids!("svc.volunteering")),
    svc(ids!("svc.information", hint)),
    domain_status(ids!("dom.finances.status", hint), Domain::Finances),
    domain_helper(ids!("dom.finances.helper"), Domain::Finances),
    domain_status(ids!("dom.housing.status", hint), Domain::Housing),
    domain_helper(ids!("dom.housing.helper"), Domain::Housing),
    domain_status(ids!("dom.daytime.status", hint), Domain::Daytime),
    domain_helper(ids!("dom.daytime.helper"), Domain::Daytime),
    domain_status(ids!("dom.parenting.status", hint), Domain::Parenting),
    domain_helper(ids!("dom.parenting.helper"), Domain::Parenting),
    domain_status(ids!("dom.physical.status"), Domain::Physical),
    domain_helper(ids!("dom.physical.helper"), Domain::Physical),
    domain_status(ids!("dom.mental.status", hint), Domain::Mental),
    domain_helper(ids!("dom.mental.helper"), Domain::Mental),
    domain_status(ids!("dom.education.status", hint), Domain::Education),
    domain_helper(ids!("dom.education.helper"), Domain::Education),
    domain_status(ids!("dom.safety.status", hint), Domain::Safety),
    domain_helper(ids!("dom.safety.helper"), Domain::Safety),
    item(
        ids!("bal.worries", hint),
        Section::Balance,
        ItemKind::Single(ZERO_TEN),
    ),
    item(
        ids!("bal.strength", hint),
        Section::Balance,
        ItemKind::Single(ZERO_TEN),
    ),
    behaviour(ids!("beh.own_solution"), Dimension::Competences),
    behaviour(ids!("beh.paperwork"), Dimension::Competences),
    behaviour(ids!("beh.kept_appointment"), Dimension::Competences),
    behaviour(ids!("beh.asked_help"), Dimension::Network),
    behaviour(ids!("beh.met_people"), Dimension::Network),
    behaviour(ids!("beh.activity"), Dimension::Services),
    approach(ids!("approach.goals"), ItemKind::Text),
    approach(
        ids!("approach.interventions"),
        ItemKind::Multiple(INTERVENTIONS),
    ),
    approach(ids!("approach.say_goals"), ItemKind::Single(AGREE5)),
    approach(ids!("approach.say_plan"), ItemKind::Single(AGREE5)),
    approach(ids!("approach.knows_citizen"), ItemKind::Single(AGREE5)),
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
