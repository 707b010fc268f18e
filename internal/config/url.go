package config

// CheckURL returns what is wrong with s as an address of a site (such as
// base_url), or "" when s is an absolute http or https address with a
// host and without a query, a fragment or a user name. "incidentsite init"
// checks its --base-url with it, so that the flag and the key follow one
// rule.
func CheckURL(s string) string { return checkURL(s) }
