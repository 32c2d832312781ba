#!/usr/bin/env Rscript
# Reference values for tests/core/research/mixed.rs, from R's lme4 + lmerTest.
#
#   apt-get install r-cran-lme4 r-cran-lmertest r-cran-jsonlite
#   Rscript tests/reference/mixed_reference.R    # writes tests/fixtures/stats/mixed_reference.json
#
# For every case: lmerTest::lmer(score ~ moment [* cond] + (1 | person),
# REML = TRUE) with the optimiser's tolerances tightened (nloptwrap/BOBYQA,
# relative and absolute tolerances 1e-14), then summary()'s fixed effects
# with their standard errors, Satterthwaite df and p-values, the 95 %
# interval estimate +- qt(0.975, df) * se, the variance components, the
# REML criterion and the numbers of people and observations.
#
# The data are drawn here with a fixed seed and written next to the results.
# Every score is a multiple of 1/64, so the JSON round trip is exact.
suppressPackageStartupMessages({
  library(lme4)
  library(lmerTest)
  library(jsonlite)
})

set.seed(20261202)
moments <- c("T0", "T1", "T2")

# People with a random intercept, a trend over the moments, a group effect
# on the change, and drop-out: some people miss moments.
draw <- function(n, levels = NULL, sd_person = 8, sd_resid = 6, effect = 0,
                 present = 0.8, round_to = 1 / 64) {
  rows <- list()
  for (i in seq_len(n)) {
    g <- if (is.null(levels)) NA else levels[(i - 1) %% length(levels) + 1]
    g_index <- if (is.null(levels)) 0 else match(g, levels) - 1
    u <- rnorm(1, 0, sd_person)
    keep <- c(TRUE, runif(2) < present)
    if (runif(1) < 0.1) keep <- c(FALSE, TRUE, runif(1) < 0.5)
    for (m in 1:3) {
      if (!keep[m]) next
      y <- 50 + u + 4 * (m - 1) + effect * g_index * (m - 1) + rnorm(1, 0, sd_resid)
      y <- round(y / round_to) * round_to
      rows[[length(rows) + 1]] <- data.frame(person = i, moment = moments[m], cond = g, score = y)
    }
  }
  do.call(rbind, rows)
}

control <- lmerControl(
  optimizer = "nloptwrap",
  optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-14, xtol_rel = 1e-14, ftol_rel = 1e-14,
                 maxeval = 100000),
  check.conv.singular = "ignore"
)

fit_case <- function(name, data, levels = NULL) {
  data$moment <- factor(data$moment, levels = moments)
  data$person <- factor(data$person)
  if (is.null(levels)) {
    fit <- lmer(score ~ moment + (1 | person), data = data, REML = TRUE, control = control)
  } else {
    data$cond <- factor(data$cond, levels = levels)
    fit <- lmer(score ~ moment * cond + (1 | person), data = data, REML = TRUE, control = control)
  }
  s <- summary(fit)$coefficients
  vc <- as.data.frame(VarCorr(fit))
  coefficients <- lapply(seq_len(nrow(s)), function(j) {
    est <- s[j, "Estimate"]; se <- s[j, "Std. Error"]; df <- s[j, "df"]
    q <- qt(0.975, df)
    list(name = rownames(s)[j], estimate = est, se = se, df = df,
         t = s[j, "t value"], p = s[j, "Pr(>|t|)"], low = est - q * se, high = est + q * se)
  })
  list(
    name = name,
    levels = if (is.null(levels)) NULL else levels,
    data = lapply(seq_len(nrow(data)), function(k) list(
      person = as.integer(as.character(data$person[k])),
      moment = as.character(data$moment[k]),
      cond = if (is.null(levels)) NULL else as.character(data$cond[k]),
      score = data$score[k])),
    coefficients = coefficients,
    var_person = vc$vcov[vc$grp == "person"],
    var_residual = vc$vcov[vc$grp == "Residual"],
    reml_criterion = unname(REMLcrit(fit)),
    singular = isSingular(fit),
    n_people = unname(ngrps(fit)["person"]),
    n_obs = nobs(fit)
  )
}

cases <- list(
  fit_case("by moment, 40 people with drop-out", draw(40)),
  fit_case("by moment, 300 people", draw(300, sd_person = 12, sd_resid = 9)),
  fit_case("by moment, item-like scores with ties", draw(60, round_to = 100 / 9)),
  fit_case("two groups, an effect on the change", draw(80, c("A", "B"), effect = 5), c("A", "B")),
  fit_case("three groups, no effect", draw(90, c("low", "mid", "high")), c("low", "mid", "high")),
  fit_case("two groups, small person variance",
           draw(50, c("A", "B"), sd_person = 1, sd_resid = 10), c("A", "B"))
)

out <- list(
  source = "tests/reference/mixed_reference.R",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                  lmerTest = as.character(packageVersion("lmerTest"))),
  cases = cases
)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
write_json(out, file.path(here, "..", "fixtures", "stats", "mixed_reference.json"),
           auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
