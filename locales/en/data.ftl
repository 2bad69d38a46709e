## Figures, roles, registration, scoring (E200–E299, W200–W299).

E200 = “{ $key }: { $value }” is a count (a whole number), but YAML reads it as a decimal because of the dot; do not group thousands with dots, write: { $key }: { $right }
E201 = “{ $key }: { $value }” is a count and must be a whole number; drop the fraction, or give this metric kind: decimal under metrics
E202 = “{ $key }: { $value }” is below the lowest allowed value ({ $min }); check the figure, or set min for this metric if a negative value is right
E203 = “{ $key }: { $value }” is above the highest allowed value ({ $max }); percentages go from 0 to 100, set max for this metric if it may go higher
E204 = the target “{ $key }: { $value }” must be more than 0; remove the line if there is no target for it
E205 = “{ $key }: { $value }” is text, not a number (it is in quotes); write it without quotes: { $key }: { $right }
E206 = metric “{ $key }” has a scale but is not kind: amount; scale (nghìn, triệu, tỷ) is for amounts only: add kind: amount or remove scale
E207 = metric “{ $key }” has min ({ $min }) above max ({ $max }); make min smaller than max
E208 = the approximate value of “{ $key }” is written wrong at “{ $field }”: write it as {"{"} value: 40000000, qualifier: over {"}"}
E209 = “{ $value }” is not a qualifier for “{ $key }”; use one of over, about, nearly, under
E210 = “{ $year }” under bloc.roles is not a year; write a four-digit year such as 2014
E211 = “{ $field }: { $value }” is not a year; write a four-digit year such as { $field }: 2014
E212 = the year the member left ({ $left }) is before the year it joined ({ $joined }); correct joined or left
E213 = year { $year }: { $role } “{ $association }” is not an association of the bloc{ $hint } (associations are the folders in content/associations/)
E214 = year { $year }: the leader and the deputy are the same association; name two different ones
E220 = a registration file is named after its year, such as content/registrations/2014.yaml, not “{ $name }”
E221 = “{ $association }” is not an association of the bloc{ $hint } (associations are the folders in content/associations/)
E222 = “{ $key }” is not a metric { $association } reports{ $hint }; define it under metrics in site.yaml or in its profile.yaml
E230 = { $association } is a member of the bloc in { $period } but has no scores: add its scores under scores, or list it under absent with the reason
E231 = { $association } has scores and is also listed under absent; remove one of the two
E232 = tie_break entry { $position }: “{ $id }” is not a group or criterion id{ $hint }
E233 = group id “{ $id }” is used twice; each group of criteria needs its own id
E234 = the self-assessment of { $association } has no score for criterion { $criteria }; a self-assessment scores every criterion
E235 = the award for { $association } is written wrong ({ $error }); write its title, or {"{"} title: …, status: granted, decision: … {"}"}
E236 = the award status “{ $value }” of { $association } is not known; use proposed or granted
W210 = { $association } reports figures for { $year }, a year it is not a member of the bloc by joined/left in its profile.yaml; these figures stay out of the bloc's review

## Nothing to suggest (an empty hint).

