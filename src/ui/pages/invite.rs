//! Opening an invitation: welcome → who reads the answers → consent. A link
//! that was opened before resumes where the person was.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::{redirect_view, screen_path};
use crate::core::error::Problem;
use crate::core::i18n::long_date;
use crate::core::instrument::Role;
use crate::core::links::{parse_invitation, Invitation};
use crate::core::questionnaire::{
    questionnaire_id, Consent, Questionnaire, Screen, CONSENT_TEXT_VERSION,
};
use crate::ui::browser;
use crate::ui::components::ErrorPanel;
use crate::ui::state::{now, use_app_state};
use crate::ui::store::{self, Loaded};

/// A step of the invitation. Each step has its own address
/// (`/?step=readers#i1…`), so the browser's Back button goes one step back
/// instead of leaving the invitation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Welcome,
    Readers,
    Consent,
    /// The person said no: a closing screen, nothing stored.
    Declined,
}

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::Welcome => "welcome",
            Step::Readers => "readers",
            Step::Consent => "consent",
            Step::Declined => "declined",
        }
    }

    fn from_name(name: Option<&str>) -> Option<Step> {
        [Step::Welcome, Step::Readers, Step::Consent, Step::Declined]
            .into_iter()
            .find(|s| Some(s.name()) == name)
    }

    /// This step's address for the invitation in `fragment`.
    fn path(self, fragment: &str) -> String {
        format!("/?step={}#{fragment}", self.name())
    }
}

/// Consent given earlier on this device, for a step reached with Back.
#[derive(Clone)]
pub(crate) struct Given {
    /// When consent was given.
    pub at: u64,
    /// The address of the screen the person was on.
    pub resume: String,
}

/// Validates the invitation in `fragment` and leads to the first question.
#[component]
pub fn InvitationFlow(
    /// The URL fragment, without `#`.
    fragment: String,
) -> impl IntoView {
    let state = use_app_state();
    match parse_invitation(&fragment) {
        Err(error) => view! {
            <ErrorPanel title_key="link.error.title" error=error>
                <p><A href="/" attr:class="button">{move || state.t("link.error.home")}</A></p>
            </ErrorPanel>
        }
        .into_any(),
        Ok(invitation) => {
            state.suggest_lang(invitation.language);
            let id = questionnaire_id(&invitation, Role::Citizen);
            let already_open = state.current.with_untracked(|c| {
                c.as_ref()
                    .filter(|q| q.id == id)
                    .map(|q| (q.screen, q.consent.as_ref().map(|c| c.given_at)))
            });
            let resume_at = already_open.or_else(|| match store::load_questionnaire(&id) {
                Loaded::Found(q) => Some((q.screen, q.consent.as_ref().map(|c| c.given_at))),
                // Starting again is possible; the person is told that the
                // earlier answers were set aside (the home screen has them).
                Loaded::Quarantined(error) => {
                    state.notice.set(Some(error.message_key()));
                    None
                }
                Loaded::Absent => None,
            });
            // Back from the questions lands on a step's address: show that
            // step (the consent one says when consent was given). Opening
            // the link itself resumes where the person was.
            let step_in_url = use_query_map().with_untracked(|q| q.get("step").is_some());
            match resume_at {
                Some((screen, given)) if step_in_url => {
                    let given = Given {
                        at: given.unwrap_or_default(),
                        resume: screen_path(&id, screen),
                    };
                    view! { <Steps invitation=invitation fragment=fragment given=given/> }
                        .into_any()
                }
                Some((screen, _)) => {
                    state.notice.set(Some("invite.resumed"));
                    redirect_view(screen_path(&id, screen))
                }
                None => view! { <Steps invitation=invitation fragment=fragment/> }.into_any(),
            }
        }
    }
}

#[component]
fn Steps(
    invitation: Invitation,
    fragment: String,
    #[prop(optional)] given: Option<Given>,
) -> impl IntoView {
    let state = use_app_state();
    // Nothing beyond what the first question needs loads during these steps.
    browser::hold_deferred_loads();
    on_cleanup(browser::release_deferred_loads);
    let query = use_query_map();
    let step = Memo::new(move |_| {
        query
            .with(|q| Step::from_name(q.get("step").as_deref()))
            .unwrap_or(Step::Welcome)
    });
    let fragment = StoredValue::new(fragment);
    // The link opened without a step is the welcome step: give it its own
    // address (replacing, not adding) so Back from the next step lands on a
    // step, not on the link that resumes the questions.
    if query.with_untracked(|q| q.get("step").is_none()) {
        let path = Step::Welcome.path(&fragment.get_value());
        Effect::new(move |_| browser::set_address(&path, true));
    }
    let go = move |to: Step| browser::set_address(&to.path(&fragment.get_value()), false);
    let heading = NodeRef::<leptos::html::H1>::new();
    browser::focus_on_step_change(move || step.get(), heading);
    let invitation = StoredValue::new(invitation);
    let given = StoredValue::new(given);
    move || {
        let inv = invitation.get_value();
        match step.get() {
            Step::Welcome => view! {
                <section class="panel" data-testid="invite-welcome">
                    <h1 tabindex="-1" node_ref=heading>{move || state.t("invite.title")}</h1>
                    <p>{move || state.tw("invite.from_study", &[("study", &inv.study.name)])}</p>
                    <p>{move || state.t("invite.explain")}</p>
                    <p>{move || state.t("invite.time")}</p>
                    <p>{move || state.t("invite.skip_allowed")}</p>
                    <button type="button" class="button button-primary" data-testid="invite-start"
                        on:click=move |_| go(Step::Readers)>
                        {move || state.t("invite.start")}
                    </button>
                </section>
            }
            .into_any(),
            Step::Readers => view! {
                <section class="panel" data-testid="invite-readers">
                    <h1 tabindex="-1" node_ref=heading>{move || state.t("invite.readers_title")}</h1>
                    <p>{move || state.t("invite.readers_intro")}</p>
                    <Readers invitation=inv.clone()/>
                    <p>{move || state.t("invite.readers_nobody_else")}</p>
                    <div class="step-nav">
                        <button type="button" class="button" on:click=move |_| go(Step::Welcome)>
                            {move || state.t("invite.back")}
                        </button>
                        <button type="button" class="button button-primary" data-testid="invite-next"
                            on:click=move |_| go(Step::Consent)>
                            {move || state.t("invite.next")}
                        </button>
                    </div>
                </section>
            }
            .into_any(),
            Step::Consent => match given.get_value() {
                Some(given) => view! { <ConsentGiven given=given heading=heading/> }.into_any(),
                None => view! {
                    <InvitationConsent invitation=inv heading=heading
                        on_back=move || go(Step::Readers)
                        on_decline=move || go(Step::Declined)/>
                }
                .into_any(),
            },
            Step::Declined => view! {
                <section class="panel" data-testid="invite-declined">
                    <h1 tabindex="-1" node_ref=heading>{move || state.t("consent.declined_title")}</h1>
                    <p>{move || state.t("consent.declined_text")}</p>
                    <p>{move || state.t("consent.declined_change")}</p>
                    <button type="button" class="button" data-testid="declined-back"
                        on:click=move |_| go(Step::Consent)>
                        {move || state.t("consent.declined_back")}
                    </button>
                </section>
            }
            .into_any(),
        }
    }
}

/// The people who can decrypt the answers, in plain words.
#[component]
pub fn Readers(
    /// The invitation whose recipients are listed.
    invitation: Invitation,
) -> impl IntoView {
    let state = use_app_state();
    let study = invitation.study.clone();
    // A study with more than one key has more than one reader on its side:
    // the citizen is told so before consent.
    let researcher_key = if study.more_keys.is_empty() {
        "invite.reader_researcher"
    } else {
        "invite.reader_researchers"
    };
    let professional = invitation.professional_key.is_some().then(|| {
        let name = invitation.professional_name.clone();
        view! {
            <li data-testid="reader-professional">
                {move || match &name {
                    Some(n) => state.tw("invite.reader_professional", &[("name", n)]),
                    None => state.t("invite.reader_professional_unnamed"),
                }}
            </li>
        }
    });
    view! {
        <ul class="readers" data-testid="readers">
            <li data-testid="reader-researcher">
                {move || state.tw(researcher_key, &[("study", &study.name), ("contact", &study.contact)])}
            </li>
            {professional}
        </ul>
    }
}

/// Consent as the person gives it now, with the study's own text.
pub(crate) fn consent_now(inv: &Invitation) -> Consent {
    Consent {
        given_at: now(),
        text_version: CONSENT_TEXT_VERSION.to_string(),
        study_text: inv.study.consent_extra.clone(),
    }
}

/// The consent step of an invitation: the questionnaire starts here, with
/// consent, and is kept from now on.
#[component]
fn InvitationConsent(
    invitation: Invitation,
    heading: NodeRef<leptos::html::H1>,
    on_back: impl Fn() + Copy + Send + Sync + 'static,
    on_decline: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let inv = StoredValue::new(invitation.clone());
    let on_agree = move |consent: Consent| {
        let mut q = Questionnaire::new(inv.get_value(), Role::Citizen, consent.given_at);
        q.consent = Some(consent);
        q.screen = Screen::Page(0);
        let path = screen_path(&q.id, q.screen);
        state.report(store::save_questionnaire(&q));
        state.current.set(Some(q));
        // Answers are kept from now on: ask the browser to keep them for good.
        state.request_persistence();
        navigate(&path, NavigateOptions::default());
    };
    view! {
        <ConsentStep invitation=invitation heading=heading on_back=on_back
            on_decline=on_decline on_agree=on_agree/>
    }
}

/// The consent screen every citizen reads, also when the questionnaire is
/// filled in together on the professional's device (issue 13): the
/// questions start only after the person ticks the box. `on_agree` gets the
/// consent; `children` (the readers, when no earlier step listed them)
/// come after the text.
#[component]
pub(crate) fn ConsentStep(
    invitation: Invitation,
    heading: NodeRef<leptos::html::H1>,
    on_back: impl Fn() + Copy + Send + Sync + 'static,
    on_decline: impl Fn() + Copy + Send + Sync + 'static,
    on_agree: impl Fn(Consent) + Clone + 'static,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let state = use_app_state();
    let agreed = RwSignal::new(false);
    let show_needed = RwSignal::new(false);
    let checkbox = NodeRef::<leptos::html::Input>::new();
    let extra = invitation.study.consent_extra.clone();
    let study_name = invitation.study.name.clone();
    let contact = invitation.study.contact.clone();
    let invitation = StoredValue::new(invitation);
    let confirm = move |_| {
        if !agreed.get_untracked() {
            show_needed.set(true);
            if let Some(c) = checkbox.get() {
                let _ = c.focus();
            }
            return;
        }
        on_agree(consent_now(&invitation.get_value()));
    };
    view! {
        <section class="panel" data-testid="invite-consent">
            <h1 tabindex="-1" node_ref=heading>{move || state.t("consent.title")}</h1>
            <p>{move || state.t("consent.text")}</p>
            {children.map(|c| c())}
            <details class="more-info" data-testid="consent-more">
                <summary>{move || state.t("consent.more_title")}</summary>
                <p>{move || state.tw("consent.more_study", &[("study", &study_name)])}</p>
                <p>{move || state.t("consent.more_data")}</p>
                <p data-testid="consent-contact">{move || state.tw("consent.more_contact", &[("contact", &contact)])}</p>
                {extra.map(|text| view! {
                    <h2>{move || state.t("consent.extra_title")}</h2>
                    <p class="study-text" data-testid="consent-extra">{text}</p>
                })}
            </details>
            <label class="option option-check">
                <input type="checkbox" node_ref=checkbox data-testid="consent-checkbox"
                    aria-describedby="consent-needed"
                    prop:checked=move || agreed.get()
                    on:change=move |ev| {
                        agreed.set(event_target_checked(&ev));
                        show_needed.set(false);
                    }/>
                <span>{move || state.t("consent.checkbox")}</span>
            </label>
            <p id="consent-needed" class="field-error" role="alert">
                {move || show_needed.get().then(|| state.t("consent.needed"))}
            </p>
            <div class="step-nav">
                <button type="button" class="button" on:click=move |_| on_back()>
                    {move || state.t("invite.back")}
                </button>
                <button type="button" class="button button-primary" data-testid="consent-confirm" on:click=confirm>
                    {move || state.t("consent.button")}
                </button>
            </div>
            <p class="decline">
                <button type="button" class="button" data-testid="consent-decline" on:click=move |_| on_decline()>
                    {move || state.t("consent.decline")}
                </button>
            </p>
        </section>
    }
}

/// The consent step reached with Back after consent was given: says when,
/// and leads back to the questions.
#[component]
pub(crate) fn ConsentGiven(given: Given, heading: NodeRef<leptos::html::H1>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel" data-testid="invite-consent-given">
            <h1 tabindex="-1" node_ref=heading>{move || state.t("consent.title")}</h1>
            <p>{move || state.tw("consent.given", &[("date", &long_date(state.lang.get(), given.at))])}</p>
            <p><A href=given.resume.clone() attr:class="button button-primary" attr:data-testid="consent-resume">
                {move || state.t("consent.button")}
            </A></p>
        </section>
    }
}
