# METADATA
# title: Rotation schedules
# description: |
#   Read the interval of a Secrets Manager rotation schedule, in days, from its
#   RotationRules: AutomaticallyAfterDays, or a ScheduleExpression in rate() or
#   cron() form. A rate() expression gives its interval directly. A cron()
#   expression is judged by its longest gap: the schedule is laid over the
#   three years from 2027-01-01, which include a leap day and every weekday on
#   every date, and the interval is the longest run of days between two
#   rotation days. Hours only place rotations within a day, so a cron schedule
#   is never shorter than one day here. The cron syntax is Secrets Manager's:
#   cron(Minutes Hours Day-of-month Month Day-of-week Year) with the wildcards
#   , - * ? / L and #.
package cloudseal.lib.schedule

# METADATA
# scope: document
# description: |
#   The number of days between rotations, or undefined when the rules give no
#   interval or cloudseal cannot read the expression (see readable).
interval_days(rules) := rate_days(rules.ScheduleExpression) if _is_rate(rules.ScheduleExpression)

interval_days(rules) := cron_max_gap_days(rules.ScheduleExpression) if _is_cron(rules.ScheduleExpression)

interval_days(rules) := to_number(rules.AutomaticallyAfterDays) if {
	not rules.ScheduleExpression
	_numeric(rules.AutomaticallyAfterDays)
}

# METADATA
# description: True when the rotation rules set an interval that interval_days can compute.
readable(rules) if interval_days(rules)

# METADATA
# scope: document
# description: The expression or value that decides the interval, for messages.
source(rules) := sprintf("ScheduleExpression %s", [rules.ScheduleExpression]) if rules.ScheduleExpression

source(rules) := sprintf("AutomaticallyAfterDays %v", [rules.AutomaticallyAfterDays]) if {
	not rules.ScheduleExpression
	rules.AutomaticallyAfterDays
}

_numeric(value) if is_number(value)

_numeric(value) if {
	is_string(value)
	regex.match(`^[0-9]+$`, value)
}

_is_rate(expression) if {
	is_string(expression)
	startswith(trim_space(expression), "rate(")
}

_is_cron(expression) if {
	is_string(expression)
	startswith(trim_space(expression), "cron(")
}

# METADATA
# description: The interval of a rate(N days) or rate(N hours) expression, in days.
rate_days(expression) := days if {
	[match] := regex.find_all_string_submatch_n(`^rate\(\s*([0-9]+)\s+(day|days|hour|hours)\s*\)$`, trim_space(expression), 1)
	amount := to_number(match[1])
	days := _rate_in_days(amount, match[2])
}

_rate_in_days(amount, unit) := amount if unit in {"day", "days"}

_rate_in_days(amount, unit) := amount / 24 if unit in {"hour", "hours"}

# The simulated calendar: 1096 days from 2027-01-01, so 2028's leap day is inside.
_start_ns := time.parse_rfc3339_ns("2027-01-01T00:00:00Z")

_simulated_days := 1096

_ns_per_day := ((24 * 60) * 60) * 1000000000

# METADATA
# description: |
#   The longest gap, in days, between two rotation days of a cron() expression
#   over the simulated calendar. Undefined for an expression cloudseal cannot
#   read, or one that fires fewer than twice in three years.
cron_max_gap_days(expression) := gap if {
	selection := _day_selection(cron_fields(expression))
	days := [offset |
		some offset, date in _calendar
		_selected(selection, date)
	]
	count(days) > 1
	gap := max([(days[index + 1] - days[index]) | some index in numbers.range(0, count(days) - 2)])
}

# METADATA
# description: The six fields of a cron() expression, or undefined when it does not have six.
cron_fields(expression) := fields if {
	[match] := regex.find_all_string_submatch_n(`^cron\((.*)\)$`, trim_space(expression), 1)
	fields := [field | some field in split(trim_space(match[1]), " "); field != ""]
	count(fields) == 6
}

# The simulated calendar, one entry per day. A complete rule, so OPA computes
# it once per query however many expressions are judged.
_calendar := [_date(offset) | some offset in numbers.range(0, _simulated_days - 1)]

# The days that a cron expression selects, parsed once per expression so that
# each calendar day is judged by set lookups alone. months holds the selected
# months; days, last_day, weekdays, last_weekdays and nth_weekdays describe the
# selected days (see _selected). One of day-of-month and day-of-week must be
# "?", as in EventBridge and Secrets Manager cron expressions; both "?" selects
# every day.
_day_selection(fields) := object.union(
	{"months": _selected_values(fields[3], 1, 12, _month_names)},
	_day_of_month_selection(fields[2]),
) if {
	fields[4] == "?"
}

_day_selection(fields) := object.union(
	{"months": _selected_values(fields[3], 1, 12, _month_names)},
	_day_of_week_selection(fields[4]),
) if {
	fields[2] == "?"
	fields[4] != "?"
}

_no_days := {"days": set(), "last_day": false, "weekdays": set(), "last_weekdays": set(), "nth_weekdays": set()}

_selected_values(field, low, high, names) := {value |
	some value in numbers.range(low, high)
	_field_matches(field, value, low, high, names)
}

# "L" is the last day of the month.
_day_of_month_selection(field) := object.union(_no_days, {
	"days": {day |
		some day in numbers.range(1, 31)
		some element in split(field, ",")
		element != "L"
		_element_matches(element, day, 1, 31, {})
	},
	"last_day": "L" in split(field, ","),
})

# "L" alone is the last day of the week, Saturday; "6L" is the last Friday of
# the month; "SUN#2" is the second Sunday of the month.
_day_of_week_selection(field) := object.union(_no_days, {
	"weekdays": _plain_weekdays(elements),
	"last_weekdays": _last_weekdays(elements),
	"nth_weekdays": _nth_weekdays(elements),
}) if {
	elements := split(field, ",")
}

_plain_weekdays(elements) := {weekday |
	some weekday in numbers.range(1, 7)
	some element in elements
	_plain_weekday_element(element, weekday)
}

_last_weekdays(elements) := {weekday |
	some element in elements
	element != "L"
	endswith(element, "L")
	weekday := _value(trim_suffix(element, "L"), _day_names)
}

_nth_weekdays(elements) := {[weekday, nth] |
	some element in elements
	[name, nth_text] := split(element, "#")
	weekday := _value(name, _day_names)
	nth := to_number(nth_text)
}

_plain_weekday_element("L", 7)

_plain_weekday_element(element, weekday) if {
	not endswith(element, "L")
	not contains(element, "#")
	_element_matches(element, weekday, 1, 7, _day_names)
}

_selected(selection, date) if {
	date.month in selection.months
	_day_selected(selection, date)
}

_day_selected(selection, date) if date.day in selection.days

_day_selected(selection, date) if {
	selection.last_day
	date.last_day
}

_day_selected(selection, date) if date.weekday in selection.weekdays

# No day of the same weekday follows in the month.
_day_selected(selection, date) if {
	date.weekday in selection.last_weekdays
	date.next_week_month != date.month
}

_day_selected(selection, date) if {
	some [weekday, nth] in selection.nth_weekdays
	date.weekday == weekday
	floor((date.day - 1) / 7) + 1 == nth
}

_date(offset) := {"day": day, "month": month, "weekday": weekday, "last_day": last_day, "next_week_month": next_month} if {
	ns := _start_ns + (offset * _ns_per_day)
	[_, month, day] := time.date(ns)
	weekday := _weekday_numbers[time.weekday(ns)]
	[_, _, tomorrow] := time.date(ns + _ns_per_day)
	last_day := tomorrow == 1
	[_, next_month, _] := time.date(ns + (7 * _ns_per_day))
}

_weekday_numbers := {
	"Sunday": 1, "Monday": 2, "Tuesday": 3, "Wednesday": 4,
	"Thursday": 5, "Friday": 6, "Saturday": 7,
}

_month_names := {
	"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
	"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}

_day_names := {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}

_field_matches(field, value, low, high, names) if {
	some element in split(field, ",")
	_element_matches(element, value, low, high, names)
}

_element_matches(element, value, low, high, names) if {
	not contains(element, "/")
	[first, last] := _bounds(element, low, high, names)
	value >= first
	value <= last
}

# "a/n", "*/n" and "a-b/n": every n-th value from a (or the lowest) on.
_element_matches(element, value, low, high, names) if {
	[base, step_text] := split(element, "/")
	step := to_number(step_text)
	step > 0
	[first, last] := _stepped_bounds(base, low, high, names)
	value >= first
	value <= last
	(value - first) % step == 0
}

_bounds(element, low, high, _) := [low, high] if element in {"*", "?"}

_bounds(element, _, _, names) := [first, last] if {
	[first_text, last_text] := split(element, "-")
	first := _value(first_text, names)
	last := _value(last_text, names)
}

_bounds(element, _, _, names) := [value, value] if {
	not element in {"*", "?"}
	not contains(element, "-")
	value := _value(element, names)
}

_stepped_bounds("*", low, high, _) := [low, high]

_stepped_bounds(base, _, _, names) := _bounds(base, 0, 0, names) if contains(base, "-")

_stepped_bounds(base, _, high, names) := [_value(base, names), high] if {
	base != "*"
	not contains(base, "-")
}

_value(text, names) := names[upper(text)]

_value(text, names) := to_number(text) if {
	not names[upper(text)]
	regex.match(`^[0-9]+$`, text)
}
