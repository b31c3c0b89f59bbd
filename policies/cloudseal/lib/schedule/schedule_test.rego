package cloudseal.lib.schedule_test

import data.cloudseal.lib.schedule

test_automatically_after_days if {
	schedule.interval_days({"AutomaticallyAfterDays": 30}) == 30
	schedule.interval_days({"AutomaticallyAfterDays": "45"}) == 45
	schedule.source({"AutomaticallyAfterDays": 30}) == "AutomaticallyAfterDays 30"
}

test_schedule_expression_wins if {
	rules := {"AutomaticallyAfterDays": 30, "ScheduleExpression": "rate(120 days)"}
	schedule.interval_days(rules) == 120
	schedule.source(rules) == "ScheduleExpression rate(120 days)"
}

test_rate_expressions if {
	schedule.rate_days("rate(10 days)") == 10
	schedule.rate_days("rate(1 day)") == 1
	schedule.rate_days(" rate( 12 hours ) ") == 0.5
	not schedule.rate_days("rate(10 weeks)")
	not schedule.rate_days("rate(ten days)")
}

test_cron_daily_and_sub_daily if {
	schedule.cron_max_gap_days("cron(0 2/10 * * ? *)") == 1
	schedule.cron_max_gap_days("cron(0 0 * * ? *)") == 1
}

test_cron_every_seventh_day_of_month if {
	schedule.cron_max_gap_days("cron(0 8 1/7 * ? *)") == 7
}

test_cron_weekdays_only if {
	schedule.cron_max_gap_days("cron(0 0 ? * MON-FRI *)") == 3
	schedule.cron_max_gap_days("cron(0 0 ? * 2-6 *)") == 3
}

test_cron_nth_and_last_weekday if {
	schedule.cron_max_gap_days("cron(0 0 ? * SUN#1 *)") == 35
	schedule.cron_max_gap_days("cron(0 0 ? * 6L *)") == 35
	schedule.cron_max_gap_days("cron(0 0 ? * L *)") == 7
}

test_cron_last_day_of_month if {
	schedule.cron_max_gap_days("cron(0 16 L * ? *)") == 31
}

test_cron_day_missing_in_short_months if {
	schedule.cron_max_gap_days("cron(0 0 31 * ? *)") == 61
}

test_cron_month_steps_and_names if {
	schedule.cron_max_gap_days("cron(0 0 1 1/3 ? *)") == 92
	schedule.cron_max_gap_days("cron(0 0 15 JAN,JUL ? *)") == 184
	schedule.cron_max_gap_days("cron(0 0 1 */6 ? *)") == 184
	schedule.cron_max_gap_days("cron(0 0 1-10/3 * ? *)") == 22
}

test_cron_yearly if {
	schedule.cron_max_gap_days("cron(0 0 1 1 ? *)") == 366
	schedule.interval_days({"ScheduleExpression": "cron(0 0 1 1 ? *)"}) == 366
}

test_unreadable_expressions if {
	not schedule.cron_max_gap_days("cron(0 0 * *)")
	not schedule.cron_max_gap_days("cron(0 0 1 * MON *)")
	not schedule.readable({"ScheduleExpression": "every day"})
	not schedule.readable({"Duration": "3h"})
	not schedule.readable({"AutomaticallyAfterDays": "thirty"})
}

test_cron_without_day_fields_fires_daily if {
	schedule.cron_max_gap_days("cron(0 0 ? * ? *)") == 1

	# Every day of February, then from its last day to the next 1 February.
	schedule.cron_max_gap_days("cron(0 0 ? FEB ? *)") == 338
}

test_cron_mixed_weekday_elements if {
	# The first Sunday on the 1st to the last Friday on the 27th of a month.
	schedule.cron_max_gap_days("cron(0 0 ? * SUN#1,6L *)") == 26
	not schedule.cron_max_gap_days("cron(0 0 ? * MON#L *)")
}
