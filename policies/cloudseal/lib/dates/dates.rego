# METADATA
# title: Dates and ages
# description: |
#   Read the timestamps that live snapshots record (RFC 3339, such as
#   2025-01-31T08:00:00Z) and measure ages against "now". Now is
#   input.config.now, an RFC 3339 string that the CLI may set once per run;
#   without it, the snapshot's source.collected_at, so that a snapshot gives
#   the same verdicts whenever it is scanned; without either, OPA's clock.
package cloudseal.lib.dates

# METADATA
# description: Nanoseconds in one day.
ns_per_day := ((24 * 60) * 60) * 1000000000

# METADATA
# scope: document
# description: The instant that ages are measured against, in nanoseconds since the epoch.
now_ns := time.parse_rfc3339_ns(input.config.now) if is_string(input.config.now)

now_ns := time.parse_rfc3339_ns(input.source.collected_at) if {
	not is_string(_configured_now)
	is_string(input.source.collected_at)
}

now_ns := time.now_ns() if {
	not is_string(_configured_now)
	not is_string(object.get(object.get(input, "source", {}), "collected_at", null))
}

_configured_now := object.get(object.get(input, "config", {}), "now", null)

# METADATA
# description: |
#   A timestamp in nanoseconds since the epoch. Python's str(datetime) form,
#   with a space between date and time, is read as well.
timestamp_ns(value) := time.parse_rfc3339_ns(replace(value, " ", "T")) if is_string(value)

# METADATA
# description: True when the value is a timestamp that timestamp_ns can read.
readable(value) if timestamp_ns(value)

# METADATA
# description: Whole days from the timestamp to now (negative for a future timestamp).
days_since(value) := floor((now_ns - timestamp_ns(value)) / ns_per_day)

# METADATA
# description: Whole days from now to the timestamp (negative when it has passed).
days_until(value) := floor((timestamp_ns(value) - now_ns) / ns_per_day)
