// Twelve questions like Balans' first pages: agreement scales, a few
// choices and one open question, on pages of three.
const AGREE = [
  { value: 1, text: "Helemaal niet mee eens" },
  { value: 2, text: "Niet mee eens" },
  { value: 3, text: "Neutraal" },
  { value: 4, text: "Mee eens" },
  { value: 5, text: "Helemaal mee eens" },
];
const agree = (name, title) => ({ type: "radiogroup", name, title, choices: AGREE, isRequired: false });
const json = {
  title: "Balans",
  description: "Vragen over hoe het met u gaat.",
  pages: [
    { elements: [
      { type: "radiogroup", name: "age_group", title: "Hoe oud bent u?",
        choices: ["18 tot 30", "30 tot 45", "45 tot 65", "65 of ouder"] },
      { type: "radiogroup", name: "household", title: "Met wie woont u?",
        choices: ["Alleen", "Met partner", "Met partner en kinderen", "Alleen met kinderen", "Anders"] },
      agree("self1", "Ik heb vertrouwen in mijzelf."),
    ] },
    { elements: [
      agree("self2", "Ik kan mijn problemen meestal zelf oplossen."),
      agree("self3", "Ik weet wat ik wil bereiken."),
      agree("social1", "Er zijn mensen bij wie ik terecht kan."),
    ] },
    { elements: [
      agree("social2", "Ik kan iemand om hulp vragen als dat nodig is."),
      agree("money1", "Ik kan mijn rekeningen betalen."),
      agree("money2", "Ik maak mij zorgen over geld."),
    ] },
    { elements: [
      agree("health1", "Ik voel mij lichamelijk gezond."),
      agree("health2", "Ik slaap goed."),
      { type: "comment", name: "question", title: "Wat wilt u nog kwijt?" },
    ] },
  ],
};
const model = new Survey.Model(json);
SurveyUI.renderSurvey(model, document.getElementById("survey"));
