package cloudseal.lib.config_test

import data.cloudseal.lib.config

test_default_applies if {
	config.setting("customer_key_level") == "confidential" with input as {}
	config.setting("secret_rotation_max_days") == 90 with input as {}
}

test_input_config_wins if {
	config.setting("customer_key_level") == "internal" with input as {"config": {"customer_key_level": "internal"}}
		with data.cloudseal.config as {"customer_key_level": "restricted"}
}

test_data_config_wins_over_default if {
	config.setting("customer_key_level") == "restricted" with input as {}
		with data.cloudseal.config as {"customer_key_level": "restricted"}
}

test_false_setting_is_kept if {
	config.setting("flag") == false with input as {"config": {"flag": false}}
		with data.cloudseal.config as {"flag": true}
	config.setting("flag") == false with input as {}
		with data.cloudseal.config as {"flag": false}
}

test_every_default_is_readable if {
	every name, value in config.defaults {
		config.setting(name) == value with input as {}
	}
}
