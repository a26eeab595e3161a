#pragma once
// The report's inline stylesheet and script, kept apart from its markup.
namespace ugc::analytics {

// Screen (fluid, phone-friendly) and print rules.
const char* report_stylesheet();

// The one inline script: shows the scrape time in the reader's own time zone
// and marks the page (data-report-script="ran") so that a headless browser
// test can tell that scripts ran without an error. The report reads fully
// without it.
const char* report_script();

// Allows only what the file itself carries: inline styles and the inline
// script; no request of any kind (no fonts, images, scripts from elsewhere).
const char* report_content_security_policy();

}  // namespace ugc::analytics
