import type { viAssistant } from "./vi-assistant";

export const enAssistant: Record<keyof typeof viAssistant, string> = {
  "assistant.title": "Assessment assistant",
  "assistant.intro":
    "Objective findings drawn from the tasks, extensions and targets of the chosen scope. The assistant applies the fixed rules listed at the foot of this page and uses no outside AI service; every finding gives its numbers, why it was raised and the tasks behind it.",
  "assistant.asOf": "Figures as of the end of {date}.",

  "assistant.picker.label": "Scope",
  "assistant.picker.submit": "Assess",
  "assistant.picker.city": "The whole city",
  "assistant.picker.programs": "Programs",
  "assistant.picker.units": "Units (with the units below them)",

  "assistant.scope.city": "the city as a whole",
  "assistant.scope.program": "the {name} program",
  "assistant.heading.city": "The whole city",
  "assistant.heading.program": "Program: {name}",
  "assistant.heading.unit": "{name} and the units below it",

  "assistant.summary.heading": "Key figures",
  "assistant.summary.total": "Tasks issued",
  "assistant.summary.overdue": "Overdue now",
  "assistant.summary.share": "Share overdue",
  "assistant.summary.city": "City average",
  "assistant.summary.previous": "Last period (cut-off {date})",
  "assistant.summary.overdueWord": "overdue tasks",
  "assistant.summary.previousNone": "no figures",

  "assistant.findings.heading": "Findings",
  "assistant.findings.sorted": "Findings: {count}, by weight (most important first).",
  "assistant.severity.high": "High severity",
  "assistant.severity.medium": "Medium severity",
  "assistant.severity.low": "Low severity",
  "assistant.tone.positive": "Positive",
  "assistant.tone.neutral": "Information",
  "assistant.card.numbers": "Figures",
  "assistant.card.weight": "Weight {weight}",
  "assistant.card.tasks": "Tasks concerned",
  "assistant.card.seeAll": "Show all {count} tasks",
  "assistant.card.showFewer": "Show fewer",
  "assistant.card.taskList": "Open the list on the Tasks page",
  "assistant.card.goal": "Open the goal",
  "assistant.card.unitOf": "Lead: {unit}",

  "assistant.units.caption": "Units whose share overdue is above the overall share",
  "assistant.units.of": "of",
  "assistant.units.tail": "tasks overdue ({share}), {gap} percentage points above the overall share",
  "assistant.units.assess": "Assess this unit",
  "assistant.unit.points": "{value} percentage points",
  "assistant.unit.days": "{value} days",
  "assistant.unit.percentagePoints": "percentage points",

  "assistant.method.heading": "How the assistant assesses",
  "assistant.method.cityGap":
    "Against the city average (for a unit or program): raised when the share overdue differs by {gap} percentage points or more; high severity from {gapHigh} points above.",
  "assistant.method.period":
    "Against the last period (the latest 25th, recomputed exactly as of that day): raised when the share overdue rose or fell by {change} percentage points or more; high severity from a rise of {changeHigh} points.",
  "assistant.method.atRisk":
    "At risk: a task still within its deadline with at least {elapsed} of its time gone (from its start date, or the day it was issued, to its deadline) and progress {gap} percentage points or more behind the time elapsed.",
  "assistant.method.stale": "No update: an open task whose last progress update (or issue day) is more than {days} days old.",
  "assistant.method.extensions":
    "Repeated extensions: a unit with {unit} or more approved extensions in the last {months} months; an open task extended {task} times or more.",
  "assistant.method.units":
    "Units below (for the city or a unit with units under it): raised for a unit with at least {minTasks} tasks whose share overdue is {gap} or more percentage points above the overall share; high severity from {gapHigh} points.",
  "assistant.method.oldest": "Oldest overdue: the {count} tasks overdue the longest.",
  "assistant.method.goals":
    "Goals: a linear trend (least squares) through the indicator readings, extended to the due date; raised when the projected value misses the target.",
  "assistant.method.weight":
    "Weight = severity (high 3, medium 2, low 1) × (1 + log₂(1 + tasks concerned; for a goal, the scope's open tasks serving it)) × (1 + distance beyond the threshold, 0 to 1). Positive findings count no tasks.",
  "assistant.error.notFound": "This unit or program was not found.",

  "assistant.msg.overdueAboveCity":
    "The share of overdue tasks for {scope} is {share}, {gap} percentage points above the city average ({city}).",
  "assistant.msg.overdueBelowCity":
    "The share of overdue tasks for {scope} is {share}, {gap} percentage points below the city average ({city}).",
  "assistant.msg.overdueRose": "The share of overdue tasks for {scope} rose from {previous} (period cut-off {periodEnd}) to {share}.",
  "assistant.msg.overdueFell": "The share of overdue tasks for {scope} fell from {previous} (period cut-off {periodEnd}) to {share}.",
  "assistant.msg.unitsAboveAverage":
    "{n} units have a share of overdue tasks {threshold} or more percentage points above the overall share for {scope} ({average}); the highest is {unit} at {share}.",
  "assistant.msg.unitsAboveAverage.one":
    "1 unit has a share of overdue tasks {threshold} or more percentage points above the overall share for {scope} ({average}): {unit} at {share}.",
  "assistant.msg.atRisk": "{n} tasks are at risk of missing their deadline: progress is far behind the time elapsed.",
  "assistant.msg.atRisk.one": "1 task is at risk of missing its deadline: progress is far behind the time elapsed.",
  "assistant.msg.stale": "{n} open tasks have had no progress update for more than {days} days.",
  "assistant.msg.stale.one": "1 open task has had no progress update for more than {days} days.",
  "assistant.msg.oldestOverdue": "{n} tasks are overdue; the oldest, “{title}”, is {maxDays} days overdue.",
  "assistant.msg.oldestOverdue.one": "1 task is overdue: “{title}”, {maxDays} days overdue.",
  "assistant.msg.unitExtensions": "{unit} had {count} deadline extensions approved in the last {months} months (tasks concerned: {tasks}).",
  "assistant.msg.repeatedExtensions": "{n} open tasks have been extended {threshold} times or more.",
  "assistant.msg.repeatedExtensions.one": "1 open task has been extended {threshold} times or more.",
  "assistant.msg.goalBelowTarget":
    "Goal “{goal}” is likely to be missed: on the current trend the indicator will reach only {projected} by {due}, short of the target of {target}.",
  "assistant.msg.goalAboveTarget":
    "Goal “{goal}” is likely to be missed: on the current trend the indicator will still be at {projected} by {due}, not down to the target of {target}.",
  "assistant.msg.goalPastDue":
    "Goal “{goal}” is past its due date ({due}) without reaching its target: the latest reading ({asOf}) is {latest}, the target {target}.",
  "assistant.msg.allClear": "No notable problem found for {scope} (tasks issued: {total}).",
  "assistant.msg.noTasks": "No task has been issued for {scope} yet, so there is nothing to assess.",

  "assistant.why.overdueAboveCity":
    "Because overdue tasks make up {overdue} of the {total} tasks of {scope}; a gap of {threshold} percentage points or more from the city average is notable.",
  "assistant.why.overdueBelowCity":
    "Because overdue tasks make up only {overdue} of the {total} tasks of {scope}, {threshold} or more percentage points below the city average: a good result to keep up.",
  "assistant.why.overdueRose":
    "Because the share overdue rose by {change} percentage points since the cut-off of {periodEnd}; a rise of {threshold} points or more is notable.",
  "assistant.why.overdueFell":
    "Because the share overdue fell by {change} percentage points since the cut-off of {periodEnd} ({threshold} points or more): an improvement.",
  "assistant.why.unitsAboveAverage":
    "Because each unit (with the units below it, if it has at least {minTasks} tasks) is compared with the overall share of the scope; {threshold} or more percentage points above it is notable.",
  "assistant.why.atRisk":
    "Because each of these tasks has used at least {minElapsed} of its time while its progress is {gap} or more percentage points behind the time elapsed; the furthest behind is “{title}”: {progress} done with {elapsed} of the time gone.",
  "assistant.why.atRisk.one":
    "Because “{title}” has used {elapsed} of its time with only {progress} done: progress {gap} or more percentage points behind the time elapsed, with at least {minElapsed} of the time gone.",
  "assistant.why.stale":
    "Because the last progress update (or the issue day, if never updated) is more than {days} days old; the longest silence is “{title}”: {maxDays} days.",
  "assistant.why.stale.one":
    "Because the last progress update (or the issue day, if never updated) of “{title}” is {maxDays} days old, beyond the {days}-day threshold.",
  "assistant.why.oldestOverdue":
    "Because these tasks are past their deadline and not done; listed are the {shown} overdue the longest, by days overdue.",
  "assistant.why.oldestOverdue.one": "Because this task is past its deadline and not done.",
  "assistant.why.oldestOverdueOld":
    "Because these tasks are past their deadline and not done, {over120} of them more than 120 days (the oldest band of the reports); listed are the {shown} overdue the longest.",
  "assistant.why.oldestOverdueOld.one":
    "Because this task is more than 120 days past its deadline (the oldest band of the reports) and not done.",
  "assistant.why.unitExtensions":
    "Because {threshold} or more approved extensions in {months} months (since {since}) suggest the unit's plan and deadlines need review.",
  "assistant.why.repeatedExtensions":
    "Because the deadline was moved {threshold} times or more and the task is still not done; the most is “{title}”: {max} times.",
  "assistant.why.repeatedExtensions.one":
    "Because the deadline of “{title}” was moved {max} times (threshold: {threshold}) and the task is still not done.",
  "assistant.why.goalTrend":
    "Because the linear trend (least squares) through {readings} readings of “{indicator}” from {from} to {to} changes by {perMonth} a month on average, while {needed} a month is needed to reach the target on time.",
  "assistant.why.goalPastDue":
    "Because the goal's due date has passed and the latest reading of “{indicator}” is still short of the target.",
  "assistant.why.allClear":
    "Because no rule reached its threshold: no task is overdue, at risk, without updates or repeatedly extended, and every goal is on course for its target.",
  "assistant.why.noTasks": "Because the assistant assesses issued tasks only; drafts and cancelled tasks are not counted.",

  "assistant.task.atRisk": "Progress {progress} with {elapsed} of the time gone · due {deadline}",
  "assistant.task.stale": "Last updated {date} ({days} days ago)",
  "assistant.task.staleNever": "Never updated since issued on {date} ({days} days ago)",
  "assistant.task.overdue": "{days} days overdue (deadline {deadline})",
  "assistant.task.extensionsInWindow": "Extensions in the last {months} months: {count}",
  "assistant.task.extended": "Extensions: {count}; first deadline {original}, now {deadline}",
  "assistant.task.extendedPlain": "Extensions: {count}",

  "assistant.num.overdue": "Overdue tasks",
  "assistant.num.total": "Tasks issued",
  "assistant.num.shareOverdue": "Share overdue",
  "assistant.num.cityShareOverdue": "City average",
  "assistant.num.gap": "Gap",
  "assistant.num.overdueNow": "Overdue now",
  "assistant.num.overdueThen": "Overdue last period",
  "assistant.num.shareOverdueThen": "Share overdue last period",
  "assistant.num.unitsAbove": "Units above the threshold",
  "assistant.num.scopeShareOverdue": "Overall share",
  "assistant.num.maxGap": "Largest gap",
  "assistant.num.atRisk": "At risk",
  "assistant.num.meanGap": "Average shortfall",
  "assistant.num.stale": "Without updates",
  "assistant.num.longestSilence": "Longest without update",
  "assistant.num.overdue120": "Over 120 days overdue",
  "assistant.num.maxDaysOverdue": "Longest overdue",
  "assistant.num.extensions": "Approved extensions",
  "assistant.num.extendedTasks": "Tasks extended",
  "assistant.num.repeatedTasks": "Tasks extended repeatedly",
  "assistant.num.maxExtensions": "Most extensions",
  "assistant.num.latestReading": "Latest reading",
  "assistant.num.projected": "Projected at due date",
  "assistant.num.target": "Target",
  "assistant.num.goalTasks": "Tasks serving the goal",
  "assistant.num.goalOverdueTasks": "Of which overdue",
};
