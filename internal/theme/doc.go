// Package theme is the one store of what the sites look like: the layouts
// (html/template files), the UI strings and the static files, from the
// defaults embedded in the binary and the site's own files, with one
// precedence rule: a site's file replaces the built-in file of the same
// path. Every entry records its origin (the site's path, or built in), and
// diagnostics name it.
//
// A site's files, by path:
//
//	layouts/NAME.html           the public site's page layouts and base.html
//	layouts/partials/*.html     the public site's partials; a site may add its own
//	layouts/logbook/NAME.html   the logbook's layouts (namespace Logbook)
//	layouts/logbook/partials/*.html
//	layouts/i18n/LANG.yaml      UI strings, shared by both sites
//	static/**                   static files, copied to the root of both sites
//
// Layouts come in namespaces, one per site (Public, Logbook), so that the
// two sites may each have a base.html. UI strings and static files are
// shared: a team translates its words and draws its look once. Strings
// merge key by key rather than file by file: a language's page finds a key
// in the site's file for that language, else in the built-in one, else in
// the built-in English file.
//
// Load also checks the store in the front half (validate, and build before
// it writes): every layout and strings file of every namespace parses, every
// template called is defined, every function is one the renderers provide,
// every UI key a layout names exists in each configured language, and each
// configured language has strings. A broken layout fails the pull request,
// not the publish.
//
// A Theme holds bytes, never a file system: a renderer that receives it can
// read the layouts, strings and static files, and nothing else of the
// repository. It imports diag, source and yamlx; never config (which holds
// the contact roles), content, model, public or a renderer, which import it.
package theme
