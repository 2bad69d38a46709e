## The glossary: one name for each concept, shared by the pages, the Word and Excel files and
## the forms (SPEC Part 3, "One truth in every output"). A term changed here changes everywhere.

# A period's figures
term-number = No.
term-member = Member
term-metric = Metric
term-unit = Unit
term-value = Result
term-previous = Previous period
term-change = Change
term-vs-previous = Against the previous period
term-year-earlier = Same period last year
term-vs-year-earlier = Against the same period last year
term-target = Target
term-target-next = Target for the next period
term-target-percent = Share of target reached
term-year-target = Yearly target
term-year-target-percent = Share of the yearly target reached
term-sum = Total
term-mean = Mean
term-qualifier = Approximate
term-sample = Sample data
term-sample-short = sample
term-sample-values = Values that are sample data
term-this-period = this period
term-increase = up
term-decrease = down
term-unchanged = unchanged
term-percentage-points = percentage points
term-percentage-points-short = pp
term-note = Note
term-not-reported = Not reported
term-not-reported-members = Members that have not reported
term-highlights = Highlights
# Scoring
term-group = Group
term-criterion = Criterion
term-max = Maximum
term-subtotal = Subtotal
term-self = Self-assessed
term-agreed = Agreed by the bloc
term-difference = Difference
term-adjustments = Bonus (+) and minus (−) points
term-reason = Reason
term-total-score = Total score
term-rank = Rank
term-tied = tied
term-award = Award
term-award-proposed = Proposed:
term-award-granted = Granted:
term-decision = Decision
term-points = points
term-tie-break = Equal totals are ordered by the points of
# The parts of a report (numbered alike on the page and in the Word report)
term-bloc-results = Figures the members share
term-members-results = Results of the members
term-scoring-results = Emulation scoring
term-common-tasks = Common tasks of the bloc
term-members-tasks = Each member's tasks
# Roles in the bloc
term-leader = Bloc leader
term-deputy = Deputy leader
