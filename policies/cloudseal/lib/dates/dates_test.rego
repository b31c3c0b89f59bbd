package cloudseal.lib.dates_test

import data.cloudseal.lib.dates

_now := {"config": {"now": "2025-06-30T12:00:00Z"}}

test_now_read_from_config if {
	dates.now_ns == time.parse_rfc3339_ns("2025-06-30T12:00:00Z") with input as _now
}

test_now_falls_back_to_collection_time if {
	document := {"source": {"kind": "snapshot", "collected_at": "2025-05-01T00:00:00Z"}}
	dates.now_ns == time.parse_rfc3339_ns("2025-05-01T00:00:00Z") with input as document
	dates.now_ns == time.parse_rfc3339_ns("2025-06-30T12:00:00Z") with input as object.union(document, _now)
}

test_now_falls_back_to_clock if {
	now := dates.now_ns with input as {}
	now > time.parse_rfc3339_ns("2024-01-01T00:00:00Z")
}

test_days_since_counts_whole_days if {
	dates.days_since("2025-03-01T00:00:00Z") == 121 with input as _now
	dates.days_since("2025-06-30T11:00:00+00:00") == 0 with input as _now
	dates.days_since("2025-07-02T12:00:00Z") == -2 with input as _now
}

test_days_until_counts_whole_days if {
	dates.days_until("2025-07-20T12:00:00Z") == 20 with input as _now
	dates.days_until("2025-06-01T12:00:00Z") == -29 with input as _now
}

test_python_datetime_form_read if {
	dates.days_since("2025-06-20 11:00:00.123456+00:00") == 10 with input as _now
	dates.readable("2025-06-20 12:00:00+00:00")
}

test_unreadable_timestamp_has_no_age if {
	not dates.readable("last Tuesday")
	not dates.readable(1234)
	not dates.days_since("last Tuesday") with input as _now
}
