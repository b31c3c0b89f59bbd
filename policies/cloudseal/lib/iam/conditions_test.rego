package cloudseal.lib.iam_test

import data.cloudseal.lib.iam

_open_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}

test_open_entries_skip_deny_and_private_statements if {
	deny := object.union(_open_read, {"Effect": "Deny"})
	private := object.union(_open_read, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
	document := {"Statement": [deny, private, _open_read]}
	iam.open_entries(document) == [{"statement": _open_read, "path": "Statement[2]"}]
}

test_openness_unknown_needs_a_deciding_marker if {
	iam.openness_unknown(_unknown("Fn::ImportValue Policy"))
	iam.openness_unknown({"Statement": _unknown("Fn::If Public")})
	unknown_principal := object.union(_open_read, {"Principal": {"AWS": _unknown("parameter Reader has no default")}})
	iam.openness_unknown({"Statement": [unknown_principal]})
	not iam.openness_unknown({"Statement": [_open_read]})
	unknown_sid := object.union(_open_read, {"Sid": _unknown("parameter Sid has no default")})
	not iam.openness_unknown({"Statement": [object.union(unknown_sid, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})]})
}

test_undecided_entries_empty_without_markers if {
	iam.undecided_entries({"Statement": [_open_read]}) == []
}
