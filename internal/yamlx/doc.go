// Package yamlx reads YAML the strict way incidentsite needs: it parses one
// document into a node tree, refuses what a site file never needs (anchors,
// aliases, explicit tags, merge keys, duplicate keys, deep nesting), and
// decodes the tree into Go structs while recording where every key and value
// stands, so that later stages can point at them.
//
// Every problem is a positioned diag.Diagnostic; nothing here panics on
// input.
package yamlx
