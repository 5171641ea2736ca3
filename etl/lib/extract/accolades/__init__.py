"""Accolades of a film article: every award entry of its accolades tables and lists.

``parse_accolades(code, film_title)`` reads the whole article and returns one ``Nomination`` per
entry, with counts of what it saw and did not load. Nothing here knows about Dagster or Polars.

How the article is read
-----------------------
- ``etl.lib.wiki.wikitable`` cuts the wikitext into logical lines on a *masked* copy, in which
  everything inside templates, links, ``<ref>``s and comments is hidden (headings are thus only
  seen where MediaWiki sees them), and reads the tables (``{|`` ... ``|}``, also inside
  ``<center>``/``<section>`` wrappers, and ``{{Awards table}}`` ... ``{{end}}`` / ``{{Awards
  table end}}`` / ``|}``) into rows and cells laid out on a grid with the HTML table algorithm
  (``rowspan``/``colspan`` in any column).
  A table is read when it stands under an accolade-like heading (Accolades, Awards, Honors,
  Awards and nominations, ... at any level) and has a result column, or anywhere when its
  header names an award column and a category or result column.
- Columns are found by header text, corrected by content: the column whose cells hold results
  (``{{won}}``, "Nominated", ...) is the result column whatever its header says; a column
  linking edition pages (``[[68th Academy Awards|...]]``) is the award column; two "recipient"
  headers without a category header make the first one the category ("Subject" / "Nominee");
  an "Award" column holding ``[[X Award for Y]]`` links is a category column whose body is
  "X Awards"; without any header, years, results and bodies are recognised and the remaining
  columns are category then recipient (only the recipient when the award column links
  ``[[X Award for Y]]``: ``{{Awards table}}``'s Year / Nominee / work / Award / Result). Beside
  an "Award" and a "Category" header, a "Ceremony" header is the edition / date column. Title
  rows (``! colspan=5 | 1996``, ``2006 (78th)``, also above the header row) give the year, a
  result ("Won"), or the body when there is no award column; a caption naming a body
  (``|+ [[Academy Awards]]``), an award-like sub-heading, a year sub-heading (``===2019===``),
  a result sub-heading (``===Wins===``, for tables without result column or with blank result
  cells) or a body linked with an edition in the section's prose ("... at the [[49th Academy
  Awards]]") fill what the rows lack. A row of ``!`` cells holding a result is data.
- Bullet lists are read under accolade-like headings only. Bold lines, ``;`` lines, award-like
  sub-headings and parent bullets without a result are headers (an award body, a year, or a
  result for a "Won"/"Nominated (3)" group), and so is a sentence ending with a colon ("At the
  [[68th Academy Awards]], the film received the following nominations:": the body it links,
  the result it says); entries are split on dashes and colons
  (``* Best Actor (Name) — '''Won'''``, ``* [[Academy Award for Best Actor]] – Name (won)``,
  ``* 1996 MTV Movie Awards: Best Kiss – Name – Nominated``, ``* Best Actor: [[Name]] (won)``,
  ``* 1997 – [[Empire Award for Best Actor]] – Name``); a segment qualifying the category
  ("– Musical or Comedy", "– Drama", "– Motion Picture") stays in the category. Generic group
  headings ("Critics' awards", "Guild awards", "Festival awards") name no body. Prose lines
  end a list. A list line counts as an entry when it has a result or stands under a body.
  A bullet written as a sentence ("* The film won the [[Golden Bear]] at the [[69th Berlin
  International Film Festival]]") is read by its verb, object and "at the" body, and so are
  the clauses of the prose of an accolades section that link a body or an "[[X Award for Y]]"
  category (summaries with counts, "nominated for four Golden Globes", are not entries).
- Rankings and "best of" lists (AFI's lists, "Top Ten Films", critics' polls, "#78") and
  preservation honours (National Film Registry) are not accolades: each such entry is counted
  in ``skipped`` as "ranking or best-of list" or "preservation honour".
- Under a heading that says only "Awards" / "Honours" / "Prizes", an entry stating no result
  is a win (the heading says what they are); elsewhere it is skipped ("no result").

Decisions
---------
- Results map to the contract's values with ``RESULT_WORDS`` / ``RESULT_TEMPLATES``. "Runner-up"
  is ``runner-up`` with placement 2 ("2nd runner-up": placement 3); "2nd place" (plain text,
  ``{{draw|2nd Place}}``, ``{{yes|2nd place}}``) is ``placed`` with its placement; "1st place"
  and ``{{won|place=1st}}`` / ``{{won|1st place}}`` are ``won`` with placement 1 (the text of
  a result template decides when it is a result; other text is a note). "Lost" is
  ``nominated``, "Honorary" / "Honorable mention" ``honored``. Anything else (``{{draw}}``,
  "Finalist", "Shortlisted" / ``{{Sho}}`` -- a shortlist is not a nomination --, "#7") is
  counted in ``unknown_results`` and the row is skipped, never guessed.
- The film is the recipient (``recipient = film_title``, no persons) when the recipient cell is
  empty or missing, names nobody ("—", ``{{N/A}}``), is the same cell as the category (a
  colspan), or names the film / "Film". "The cast (of ...)" is shown as written, with no
  persons.
- An empty award cell repeats the award of the row above (tables written without rowspan);
  an empty year cell the year above.
- Recipients: ``persons`` are the names of the cell split on "and", "&", ",", ";", ``<br>`` and
  list templates, each with its link target; a linked name is one entry even when its text has
  "and" (a duo's page). Items in italics are works, not persons. Notes (parenthesised or
  ``{{small}}`` text, "as Character", quoted song titles with their "for") go to ``note``,
  never in a name; role labels ("Set Decoration:", "Music by", "Lyrics by") are dropped.
- Award body: the name as displayed, whitespace collapsed, an edition ("68th") or year moved to
  ``edition`` / ``ceremony_year`` and a trailing "(BAFTA)" dropped; ``award_body_wiki_title`` is
  the link target without its edition ("68th Academy Awards" -> "Academy Awards"), or the
  English target of an ``{{ill}}``; a ceremony date after the name ("– March 25, 1996") is the
  ceremony date. A body shown as "X Award for Y" is "X Awards" as shown, not as linked.
- A year sub-heading gives a year, a season ("2019–20") none: its ceremonies span two years.
- Rows and list entries that cannot be read are counted in ``skipped`` by reason ("no result",
  "unknown result", "no award body", "no category"): ``rows_seen == len(nominations) +
  sum(skipped.values())``.

Modules, bottom to top (each imports only from the ones above it in this list)
------------------------------------------------------------------------------
- ``markup``: splitting outside templates, links and refs; notes; loose title comparison; links.
- ``results``: the result vocabulary (``RESULT_TEMPLATES``, ``RESULT_WORDS``) and result cells.
- ``bodies``: award bodies, editions, categories and ceremony dates.
- ``recipients``: the persons, notes and works of a recipient cell, or the film.
- ``entries``: what an entry says (``Raw``) and how it becomes a ``Nomination`` or a skip.
- ``sections``: the article cut at its headings, and what the headings say.
- ``tables``: tables, their rows and the roles of their columns.
- ``lists``: bullet lists, header lines and prose read as entries.
- ``reader``: ``parse_accolades``, the entry point.
"""

from etl.lib.extract.accolades.bodies import split_edition
from etl.lib.extract.accolades.entries import AccoladesResult
from etl.lib.extract.accolades.reader import parse_accolades
from etl.lib.extract.accolades.results import RESULT_TEMPLATES, RESULT_WORDS, TEXT_RESULT_TEMPLATES

__all__ = [
    "RESULT_TEMPLATES",
    "RESULT_WORDS",
    "TEXT_RESULT_TEMPLATES",
    "AccoladesResult",
    "parse_accolades",
    "split_edition",
]
