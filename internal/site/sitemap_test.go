package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sitemapURL is a <url> of a sitemap.
type sitemapURL struct {
	Loc   string `xml:"loc"`
	Links []struct {
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"link"`
}

// sitemapURLs returns the URLs the sitemap of files lists, in order,
// following an index to its sitemaps, and the sitemaps read.
func sitemapURLs(t *testing.T, baseURL string, files map[string][]byte) (urls []sitemapURL, maps []string) {
	t.Helper()
	var doc struct {
		XMLName  xml.Name
		URLs     []sitemapURL `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(feedsFile(t, files, "sitemap.xml"), &doc); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	switch doc.XMLName.Local {
	case "urlset":
		return doc.URLs, []string{"sitemap.xml"}
	case "sitemapindex":
	default:
		t.Fatalf("sitemap.xml is a <%s>", doc.XMLName.Local)
	}
	for _, s := range doc.Sitemaps {
		name, ok := strings.CutPrefix(s.Loc, baseURL)
		if !ok {
			t.Fatalf("the index lists %s, outside the site", s.Loc)
		}
		var set struct {
			XMLName xml.Name     `xml:"urlset"`
			URLs    []sitemapURL `xml:"url"`
		}
		if err := xml.Unmarshal(feedsFile(t, files, name), &set); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		urls = append(urls, set.URLs...)
		maps = append(maps, name)
	}
	return urls, maps
}

var refresh = regexp.MustCompile(`(?i)<meta http-equiv="refresh"`)

// TestSitemapIsThePagesWritten: the sitemap lists every HTML page written
// that is a page of its own, once per language with its alternates, and
// nothing else: no redirect (a maintenance window's address as an
// incident), no 404 page, and no page that is not written.
func TestSitemapIsThePagesWritten(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	var want []string
	for name, data := range files {
		if path.Ext(name) != ".html" || path.Base(name) == "404.html" || refresh.Match(data) {
			continue
		}
		want = append(want, v.BaseURL+strings.TrimSuffix(name, "index.html"))
	}
	urls, _ := sitemapURLs(t, v.BaseURL, files)
	var got []string
	for _, u := range urls {
		got = append(got, u.Loc)
		if len(u.Links) != len(v.Languages) {
			t.Errorf("%s has %d alternates, want one per language (%d)", u.Loc, len(u.Links), len(v.Languages))
		}
		for _, l := range u.Links {
			if l.Href != u.Loc && files[strings.TrimPrefix(l.Href, v.BaseURL)+"index.html"] == nil {
				t.Errorf("%s: the alternate %s (%s) is not written", u.Loc, l.Href, l.Hreflang)
			}
		}
	}
	slices.Sort(want)
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("the sitemap lists\n%s\nwant the pages written\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) < 20 {
		t.Errorf("only %d pages written", len(want))
	}
}

// TestSitemapIndex: past the protocol's limits for one file (50,000 URLs,
// 50 MB), sitemap.xml is an index of sitemaps that list the same URLs in
// the same order, none past the limits.
func TestSitemapIndex(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	all, _ := sitemapURLs(t, v.BaseURL, files)
	defer func(urls, bytes int) { maxSitemapURLs, maxSitemapBytes = urls, bytes }(maxSitemapURLs, maxSitemapBytes)
	for _, tc := range []struct {
		name        string
		urls, bytes int
	}{
		{"urls", 7, 50 << 20},
		{"bytes", 50_000, 2_000},
		{"exactly", len(all), 50 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			maxSitemapURLs, maxSitemapBytes = tc.urls, tc.bytes
			files := renderView(t, v, th)
			urls, maps := sitemapURLs(t, v.BaseURL, files)
			if !slices.EqualFunc(urls, all, func(a, b sitemapURL) bool { return a.Loc == b.Loc }) {
				t.Errorf("the sitemaps list %d URLs, not the %d of one sitemap in its order", len(urls), len(all))
			}
			if tc.name == "exactly" {
				if len(maps) != 1 {
					t.Errorf("%d URLs, the limit, made an index of %v", len(all), maps)
				}
				return
			}
			if len(maps) < 2 {
				t.Fatalf("no index: %v", maps)
			}
			for i, name := range maps {
				if want := fmt.Sprintf("sitemap-%d.xml", i+1); name != want {
					t.Errorf("sitemap %d is %s, want %s", i+1, name, want)
				}
				data := files[name]
				if n := bytes.Count(data, []byte("<url>")); n > tc.urls || n == 0 {
					t.Errorf("%s lists %d URLs; the limit is %d", name, n, tc.urls)
				}
				if len(data) > tc.bytes {
					t.Errorf("%s is %d bytes; the limit is %d", name, len(data), tc.bytes)
				}
			}
			if _, ok := files[fmt.Sprintf("sitemap-%d.xml", len(maps)+1)]; ok {
				t.Errorf("a sitemap past the index's was written")
			}
			if !bytes.Contains(files["robots.txt"], []byte("Sitemap: "+v.BaseURL+"sitemap.xml\n")) {
				t.Errorf("robots.txt does not point at sitemap.xml:\n%s", files["robots.txt"])
			}
		})
	}
}
