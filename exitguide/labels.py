"""Interface strings in Swedish and English: headings, column names, yes/no/not stated.

Data labels (criteria, agencies, …) live in data/vocabularies.yaml; these are the
renderer's own words, kept in one place so both languages stay in step
(a test checks that every key exists in both).
"""
LABELS = {
    "sv": {
        "yes": "Ja", "no": "Nej", "not_stated": "Ej angivet",
        "not_stated_long": "Ej angivet i källorna",
        "programme": "Program", "kind": "Typ", "where": "Var", "since": "Sedan", "status": "Status",
        "organisers": "Drivs av", "partners": "Samarbetspartner", "target_group": "Målgrupp",
        "criteria": "Villkor för att få stöd", "requirements": "Krav på deltagaren",
        "support": "Stöd som erbjuds", "case_start": "Så börjar ett ärende", "contact": "Kontakt",
        "process": "Så går det till", "follow_up": "Uppföljning", "outcomes": "Resultat",
        "evidence": "Vad vet vi?", "evidence_level": "Kunskapsnivå", "studies": "Studier",
        "history": "Historik", "about": "Om verksamheten", "sources": "Källor",
        "last_reviewed": "Senast granskad", "stale": "Uppgifterna granskades senast {date}, för mer än tolv månader sedan. Kontrollera dem mot källorna innan du använder dem.",
        "period": "Period", "count": "Antal", "counted": "Vad som räknades", "share": "Andel", "of": "av", "definition": "Definition",
        "search": "Sök", "not_found_title": "Sidan finns inte",
        "not_found_text": "Adressen kan vara felstavad, eller så har sidan flyttats. Gå till <a href=\"{home}\">startsidan</a> eller använd sökrutan.",
        "source": "Källa", "phone": "Telefon", "email": "E-post", "hours": "Öppettider", "web": "Webb",
        "steps": "Steg", "not_evaluated": "Inte utvärderad",
        "chart_title": "{title}: antal personer", "chart_desc": "Stapeldiagram.",
        "of_whom": "{count} av {whole} ({share})",
        "mark": "Märkning", "caveat": "Osäkert", "uncertain_cite": "osäker",
        "published": "Publicerad", "undated": "Odaterad", "kind_source": "Typ av källa", "accessed": "Läst",
        "due": "Planerat till {date}.", "due_passed": "Datumet har passerat. Guidens källor visar ännu inte vad som hände.",
        "outcome": "Utfall:", "term": "Svensk term", "english": "Engelsk term", "explanation": "Förklaring",
        "term_status": "Status", "open_page": "Läs mer",
        "filter_heading": "Filtrera och jämför", "side_by_side": "Sida vid sida",
        "overview": "Översikt", "process_follow_up": "Process och uppföljning", "steps_count": "{n} steg",
        "quick_exit": "Lämna sidan snabbt",
        "quick_exit_hint": "Högst upp på varje sida finns knappen {button}. Den tar dig genast till SMHI:s vädersida. "
                           "Du kan också trycka på Skift-tangenten tre gånger i rad.",
        "quick_exit_more": "Vad knappen gör och inte gör",
        "quick_exit_two_left": "Skift-tangenten: tryck två gånger till för att lämna sidan.",
        "quick_exit_one_left": "Skift-tangenten: tryck en gång till för att lämna sidan.",
        "quick_exit_reset": "Räkningen började om. Tryck på Skift-tangenten tre gånger i rad för att lämna sidan.",
        "studies_behind": "Studier bakom nivån", "level": "Nivå", "meaning": "Vad det betyder",
        "relation": "Jämfört med andra skalor", "programmes_at_level": "Program på denna nivå",
        "none": "Inga", "file": "Fil", "format": "Format", "contains": "Innehåll",
        "see_source": "se källa", "print_sources": "Källor och granskning",
    },
    "en": {
        "yes": "Yes", "no": "No", "not_stated": "Not stated",
        "not_stated_long": "Not stated in the sources",
        "programme": "Programme", "kind": "Kind", "where": "Where", "since": "Since", "status": "Status",
        "organisers": "Run by", "partners": "Partners", "target_group": "Target group",
        "criteria": "Eligibility criteria", "requirements": "Requirements on the participant",
        "support": "Support offered", "case_start": "How a case starts", "contact": "Contact",
        "process": "How it works", "follow_up": "Follow-up", "outcomes": "Outcomes",
        "evidence": "What is known", "evidence_level": "Evidence level", "studies": "Studies",
        "history": "History", "about": "About the programme", "sources": "Sources",
        "last_reviewed": "Last reviewed", "stale": "These facts were last reviewed on {date}, more than twelve months ago. Check them against the sources before you rely on them.",
        "period": "Period", "count": "Number", "counted": "What was counted", "share": "Share", "of": "of", "definition": "Definition",
        "source": "Source", "phone": "Phone", "email": "E-mail", "hours": "Hours", "web": "Web",
        "steps": "Steps", "not_evaluated": "Not evaluated",
        "chart_title": "{title}: number of people", "chart_desc": "Bar chart.",
        "of_whom": "{count} of {whole} ({share})",
        "mark": "Mark", "caveat": "Uncertain", "uncertain_cite": "uncertain",
        "published": "Published", "undated": "Undated", "kind_source": "Kind of source", "accessed": "Read",
        "due": "Planned for {date}.", "due_passed": "That date has passed. The guide's sources do not yet show what happened.",
        "outcome": "Outcome:", "term": "Swedish term", "english": "English term", "explanation": "Explanation",
        "term_status": "Status", "open_page": "Read more",
        "filter_heading": "Filter and compare", "side_by_side": "Side by side",
        "overview": "Overview", "process_follow_up": "Process and follow-up", "steps_count": "{n} steps",
        "quick_exit": "Exit this page",
        "quick_exit_hint": "At the top of every page is the {button} button. It takes you straight to the SMHI weather page. "
                           "You can also press the Shift key three times in a row.",
        "quick_exit_more": "What the button does and does not do",
        "quick_exit_two_left": "Shift key: press two more times to leave this page.",
        "quick_exit_one_left": "Shift key: press one more time to leave this page.",
        "quick_exit_reset": "The count has started again. Press the Shift key three times in a row to leave this page.",
        "studies_behind": "Studies behind the level", "level": "Level", "meaning": "What it means",
        "relation": "Compared with other scales", "programmes_at_level": "Programmes at this level",
        "none": "None", "file": "File", "format": "Format", "contains": "Contents",
        "see_source": "see source", "print_sources": "Sources and review",
        "search": "Search", "not_found_title": "Page not found",
        "not_found_text": "The address may be misspelt, or the page may have moved. Go to the <a href=\"{home}\">English home page</a> or use the search box.",
    },
}


def label(lang: str, key: str, **values) -> str:
    text = LABELS[lang][key]
    return text.format(**values) if values else text
