# Every word keiko shows, in English. The same messages, with the same
# arguments, as i18n/ja/keiko.ftl (tests/i18n.rs checks). Counts choose their
# words by CLDR's plural rules: { $n -> [one] … *[other] … }.

## The screens, the status line and the command line.

app-title = keiko 稽古
app-subtitle = Competency workbook
no-name = (no name yet)
no-role = (no role yet)
role = Role
name = Name
framework = Framework
version = version
progress-to-target = To target
above-target = Above target
target = Target
achieved = Achieved
competency = Competency
level = Level
statement = Statement
date = Date
note = Note
reflection = Reflection
comments = Coach comments
coaching-sheet = Coaching sheet
warning = warning
unknown-ids = the workbook has entries this framework does not know (kept in the file as they are)
signed-off = signed off
returned = returned
review-requested = review requested
stale = stale
stale-because = { $id } was unchecked after the sign-off { $when }
reflection-placeholder = Your reflection on this competency: what you can do now, what was hard, what to grow next. Esc saves and closes.
mark-note = note
mark-attention = returned or stale
mark-done = at target
missing-workbook = { $path } does not exist yet; it is created with your first change.
warn-unknown-role = the workbook's role '{ $role }' is not in this framework; choose one of { $roles } with --role
unchecked-signed-off = A coach signed off this level; with this unchecked the sign-off shows as stale (u takes it back).
kept-other-version = --- written in another session ---
conflict-kept = Saved. The same note was changed in another session; that text is kept below yours.
typed-note = the note on { $id }
typed-reflection = the reflection on { $id }
typed-comment = the comment on { $id }
typed-signoff-comment = the comment for signing off { $what } (not signed off)
typed-return-comment = the comment for returning { $what } (not returned)
not-confirmed = keiko ended before it was confirmed
rescued-to = { $what } could not be saved in the workbook ({ $error }); it was written to { $path }
rescued-here = { $what } could not be saved in the workbook ({ $error }); here it is:
saved-on-exit = { $what } was saved in the workbook { $path }
rescue-header = # Text keiko could not save in the workbook. Copy what you need from here.
needs-terminal = the full-screen app needs a terminal; for a summary without one, use `keiko status` (over ssh: `ssh -t`)
cannot-use-terminal = cannot use the terminal
internal-error = keiko stopped after an internal error (reported above)
unknown-role = unknown role '{ $code }': choose one of { $codes }
option-not-for-command = the argument '{ $flag }' does not apply to 'keiko { $name }'
cannot-write-output = cannot write output: { $error }
cannot-write-file = { $path }: cannot write: { $error }
export-is-workbook = { $path }: is the workbook itself; export to another file
no-home-directory = cannot find a home directory for the workbook; set KEIKO_FILE or use --file
read-only-edit = This workbook cannot be written
news-signoff = { $by } signed off { $what }.
news-returned = { $by } returned { $what } as not yet.
news-comment = { $by } commented on { $what }.
team-title = Team review
coach = Coach
learners-title = Learners
at-target-count = at target
waiting = waiting
sort-by = Sort
filter = Filter
filter-prompt = Filter by name
filter-hint = Type to filter. Enter keep  Esc clear
last-activity = Updated
no-learners = No workbooks found.
no-match = No learner matches.
not-read = Files not read
skipped-files = { $n ->
    [one] { $n } other file (not .toml) was skipped.
   *[other] { $n } other files (not .toml) were skipped.
}
read-only = Read-only
read-only-short = [read-only]
waiting-title = Waiting for review (oldest first)
no-requests = Nothing is waiting for review.
progress = Progress
next-up = Next up
note-placeholder = Write your evidence: when, in what situation, what you did. Enter starts a new line; Esc saves and closes.
comment-placeholder = Write your comment for the learner. Esc saves and closes (nothing is saved when empty).
marks = Marks
all-done = Everything up to your targets is checked. The home screen says what could come next.
choose-role = Choose your role grade
comment-by = Coach
comment-needed = Say what is missing (required). Enter confirm  Esc cancel
comment-optional = Comment (optional). Enter confirm  Esc cancel
comment-required = Returning a level needs a comment.
display-name = Display name
display-name-hint = Leave it empty to use "{ $user }".
edit-note = Edit note
edit-reflection = Edit reflection
help-title = Keys
history-empty = No changes yet.
history-title = History (newest first)
level-complete-last = Every statement of { $level } is checked.
level-complete-next = Every statement of { $level } is checked. Tab: next level.
more = more
more-in-editor = (e shows all)
no-note = No note.
no-note-hint = No note yet. Press e to write your evidence.
no-results = No statement matches.
nothing-to-undo = Nothing to undo.
results = found
return-prompt = Return as not yet:
returned-now = { $level } returned as not yet.
review-requested-now = Review of { $level } requested.
review-withdrawn = Review request for { $level } withdrawn.
role-changed = Role changed
saved = Saved.
search-title = Search
signed-off-now = { $level } signed off.
signoff-prompt = Sign off
target-reached = You reached your target, { $level }. Well done!
too-small = The terminal is too small. Make it at least { $w }x{ $h }.
undone = Undone
welcome-done = Welcome! Press Enter to open a competency.
welcome-intro = Walk through each competency level by level and tick every statement you can show evidence for. Every change is saved at once. First, your name and role grade.
welcome-title = Welcome to keiko 稽古
write-comment = Comment on
clock-out-of-range = the system clock reads a time after 9999-12-30 (or before year 0), which keiko cannot record as the time of a change; set the clock and try again
cli-role-changed = role changed: { $from } → { $to }
cli-name-changed = name changed: { $from } → { $to }
export-written = wrote { $path }
no-directory-through-parent = the directory { $dir } does not exist (keiko creates no directory on a path through `..`)
cannot-create-directory = cannot create the directory { $dir }: { $error }
dumb-terminal = this terminal (TERM=dumb) cannot draw the full-screen app; for a summary, use `keiko status`
dumb-terminal-review = this terminal (TERM=dumb) cannot draw the full-screen app; for the team overview, use `keiko review --export md PATH...`
team-export-summary = { $learners ->
    [one] { $learners } learner
   *[other] { $learners } learners
}, { $at_target } at target, { $waiting ->
    [one] { $waiting } review waiting
   *[other] { $waiting } reviews waiting
}
team-export-column-name = name
team-export-column-role = role
team-export-column-file = file
team-export-column-checked = checked
team-export-column-total = total
team-export-column-percent = percent
team-export-column-signoffs = signoffs
team-export-column-open-requests = open requests
team-export-column-last-activity = last activity (UTC)
all-targets-reached = Every target reached!
finish-ask-review = { $n ->
    [one] Next: ask a coach to review the { $n } level not signed off yet (v).
   *[other] Next: ask a coach to review the { $n } levels not signed off yet (v).
}
finish-above-target = { $n ->
    [one] Next: work above your targets ({ $n } statement left).
   *[other] Next: work above your targets ({ $n } statements left).
}
finish-everything = Everything is checked and signed off, above your targets too.
lower-level-first = the level below comes first
confirm-title = Confirm
confirm-review-unchecked = { $n ->
    [one] { $level } still has { $n } unchecked statement: { $ids }. Ask for review anyway?
   *[other] { $level } still has { $n } unchecked statements: { $ids }. Ask for review anyway?
}
confirm-signoff-unchecked = { $level } has nothing checked and no review request ({ $n } unchecked: { $ids }). Sign it off anyway?
history-count = { $n ->
    [one] { $n } change
   *[other] { $n } changes
}
help-scroll = { $keys } to scroll
problems-more = more ({ $key } shows all)
sort-reading = reading
sort-reading-mixed = reading (the rest by code point)
sort-code-point = name (by code point)
cli-reading-changed = reading changed: { $from } → { $to }
no-reading = (no reading yet)
name-prompt = Display name
name-hint = Enter saves, Esc cancels
name-required = The display name is empty: type a name.
name-saved = Your display name is now { $name }.

## Hints in the bar at the bottom: a few words per action.

hint-quit = quit
hint-suspend = suspend
hint-help = help
hint-undo = undo
hint-search = search
hint-next-to-practise = next
hint-history = history
hint-redraw = redraw
hint-move = move
hint-page = page
hint-first-last = first/last
hint-open = open
hint-back = back
hint-change-role = role
hint-rename = name
hint-toggle = check
hint-level = level
hint-edit-note = note
hint-edit-reflection = reflection
hint-request-review = ask review
hint-save-close = save and close
hint-close = close
hint-confirm = confirm
hint-cancel = cancel
hint-next-field = next field
hint-sign-off = sign off
hint-return-level = return
hint-comment = comment
hint-sort = sort
hint-requests = waiting
hint-filter = filter
hint-problems = unread files
hint-matrix = matrix
hint-column = column
hint-level-n = level N
hint-sort-column = sort
hint-holders = who holds
hint-chart = chart

## The help screen: a sentence per action.

help-quit = quit (a note being written is saved)
help-suspend = suspend keiko and return to the shell (fg resumes)
help-help = the keys of this screen
help-undo = undo the last change (a check or a note)
help-search = search statements in every competency
help-next-to-practise = go to the next statement to practise
help-history = show the change history
help-redraw = redraw the screen
help-up = move up
help-down = move down
help-page-up = page up
help-page-down = page down
help-home = go to the first
help-end = go to the last
help-open = open
help-back = go back
help-change-role = change your role grade
help-rename = change your display name
help-toggle = check or uncheck the statement
help-next-level = next level
help-prev-level = previous level
help-edit-note = write this statement's note (your evidence)
help-edit-reflection = write this competency's reflection
help-request-review = ask a coach to review this level, or withdraw
help-save-close = save and close
help-close = close
help-confirm = confirm
help-cancel = cancel
help-next-field = next field
help-sign-off = sign off this level (comment optional)
help-return-level = return this level as not yet (comment required)
help-comment = comment on this competency
help-sort = change the sort order
help-requests = levels waiting for review
help-filter = filter by name
help-problems = list every file not read, and why
help-matrix = skills matrix: every learner's level in every competency
help-column-left = select the column to the left
help-column-right = select the column to the right
help-level-up = raise the level N that coverage counts
help-level-down = lower the level N that coverage counts
help-sort-column = sort by the selected column (again: the other way round)
help-holders = who holds the selected competency at level N or above (on the name column: open the learner)
help-chart = chart progress toward the target, week by week
help-team-chart = chart learners at target, week by week

## History: what each change was.

verb-check = checked
verb-uncheck = unchecked
verb-note = note
verb-reflection = reflection
verb-profile = name or role changed
verb-name = display name changed
verb-request-review = review requested
verb-withdraw-request = request withdrawn
verb-sign-off = signed off
verb-return = returned
verb-comment = comment

## After u: the state the undo left ($target names what it changed).

undone-line = Undone: { $state }
undone-checked = { $target } is checked again.
undone-unchecked = { $target } is unchecked again.
undone-note-empty = the note on { $target } is empty again.
undone-note = the note on { $target } is as it was before.
undone-reflection-empty = the reflection on { $target } is empty again.
undone-reflection = the reflection on { $target } is as it was before.
undone-name = your display name is { $name } again.
undone-no-role = you have no role grade again.
undone-role = your role grade is { $role } again.
undone-requested = { $target } is waiting for review again.
undone-withdrawn = { $target } is not waiting for review, as before.
undone-other = { $target } is as it was before.
not-undone = Not undone: { $target } was changed elsewhere since.

## How the team overview is sorted.

sort-name = name
sort-progress = least progress
sort-last-activity = latest activity
sort-requests = most requests

## A level of a competency; a learner's achieved level out of the target (keiko status).

level-n = Level { $n }
level-of-target = level { $achieved } of { $target }
learners-count = { $shown } { $total ->
    [one] learner
   *[other] learners
}

## An operating system's error: $kind is permission-denied, not-found, read-only-filesystem, storage-full,
# quota-exceeded, already-exists, is-a-directory, not-a-directory, resource-busy, invalid-filename,
# interrupted or other; $system is the system's own (English) words.

os-error = { $kind ->
   *[other] { $system }
}

## The workbook's store: what keiko was doing, and why it failed.

store-read-workbook = cannot read the workbook
store-write-workbook = cannot write the workbook
store-open-lock-file = cannot open the lock file
store-lock-workbook = cannot lock the workbook
store-create-directory = cannot create the workbook's directory
store-directory-not-writable = the directory { $dir } is not writable
store-directory-missing = the directory { $dir } does not exist
store-lock-is-symlink = the lock file is a symbolic link; keiko does not follow it
store-lock-not-a-file = the lock file is not a regular file
store-mount-point = the file is a mount point: keiko saves by replacing the file, which a mount point does not allow, so it cannot be rewritten in place
store-lock-keeps-changing = the lock file or the workbook was replaced again and again while keiko waited
store-lock-not-ours = the lock file is owned by { $owner }; only its writer's own lock counts
store-lock-held-by = the lock has been held by { $holder } for over { $wait }
store-lock-held = another program has held the lock for over { $wait }
seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
milliseconds = { $n } ms
store-toml-syntax = { $words }
store-unknown-schema = unknown workbook format version { $version }
store-not-utf8 = not UTF-8 text (invalid byte at offset { $offset }); is this a workbook?
store-corrupt-advice = keiko has not changed this file. To keep it and start a new workbook, move it aside:
store-newer-schema-by = { $path }: written by keiko { $by } (schema { $found }); this is keiko { $current }: upgrade keiko (the file was left unchanged)
store-newer-schema = { $path }: written by a newer keiko (schema { $found }); this is keiko { $current }: upgrade keiko (the file was left unchanged)
store-symlink = { $path }: is a symbolic link; keiko never writes through a link. Use --file with the real path ({ $target }).
store-symlink-target = its target
store-not-a-file = { $path }: is not a regular file
store-too-large = { $path }: the file is { $size } bytes, more than a workbook can be ({ $limit } bytes); keiko has not read or changed it
store-would-be-too-large = { $path }: cannot save: the workbook would grow to { $size } bytes, more than a workbook can be ({ $limit } bytes); it was left as it was
store-not-yours = { $path }: keiko will not build on this file ({ $why }); ask your administrator to run `sudo keiko team check --fix`
store-not-durable = { $path }: the change is saved, but its directory could not be synced ({ $why }); a power failure now could undo it

## Files a team review could not use, and the team file.

unusable-not-a-workbook = not a keiko workbook (no schema)
unusable-missing = no such file
team-file-unreadable = cannot read the team file { $path }: { $why }
team-file-invalid = the team file { $path } is not valid: { $reason }
team-unnamed-account = this account (uid { $uid }) has no name in the password database, so keiko cannot place it in the team { $team }: ask your administrator to give the account a login name
team-login-not-plain = the login { $login } is not a plain name (letters, digits, '.', '_', '-'), so keiko cannot place it in the team { $team }: ask your administrator for an account with such a name
team-not-in-team = { $login } has no place in the team { $team } yet: ask your administrator to run `sudo keiko team add { $login }`
team-old-layout = the team file { $path } is of layout { $found }; this keiko uses layout { $layout } only: ask your administrator to run `sudo keiko team migrate { $dir }`
team-records-not-read = coach records not read
team-unverified-count = { $n } unverified
team-not-started = not started
team-no-team = name the workbooks or directories to review (PATH); for a team, an administrator runs `sudo keiko team init`
team-role-set-by-team = your role is set by your team ({ $role }); ask your coach or administrator to change it
team-log-in-again = you were just added to the coaches' group { $group }: log out and in again to read the learners' workbooks (or, for now, `newgrp { $group }`)

## The skills matrix and its list of who holds a level.

matrix-title = Skills matrix
matrix-coverage = level { $n }+ (of { $total })
matrix-counting = counting: level { $n } or above
matrix-a-to-z = A to Z
matrix-z-to-a = Z to A
matrix-highest-first = highest first
matrix-lowest-first = lowest first
matrix-columns = columns { $first }-{ $last }/{ $total }
matrix-holders = { $n } of { $total } hold level { $level } or above
matrix-nobody = Nobody holds this level yet.
matrix-login = Login
matrix-level = Level
matrix-signoff = Sign-off
matrix-legend = - below target  = at target  + above target
matrix-signed-off = signed off (level { $level })
matrix-stale = stale sign-off (level { $level })
matrix-unverified = unverified sign-off (level { $level })
matrix-not-signed-off = not signed off

## The chart of progress over time, and the team table's activity column.

chart-learner-title = Progress over time
chart-team-title = Learners at target over time
chart-learner-measure = statements checked toward the target at the end of each week
chart-team-measure = learners at every target at the end of each week
chart-target = target { $n }
chart-nothing-yet = Nothing yet
chart-nothing-yet-learner = Check statements, and your progress shows here week by week.
chart-nothing-yet-team = Once learners start, the weeks show here.
chart-activity-heading = 12 wks

## keiko review --export md: after the summary line, the files not read (listed below the table).

review-export-not-read = { $n ->
    [one] , { $n } file not read (below the table)
   *[other] , { $n } files not read (below the table)
}

## The Excel report (keiko review --export xlsx).

xlsx-sheet-summary = Summary
xlsx-sheet-matrix = Matrix
xlsx-sheet-statements = Statements
xlsx-sheet-progress = Progress
xlsx-summary-team = Team
xlsx-summary-framework = Framework
xlsx-summary-date = Date
xlsx-summary-learners = Learners
xlsx-summary-at-target = At target
xlsx-summary-reviews-waiting = Reviews waiting
xlsx-summary-returned = Returned
xlsx-summary-stale = Stale sign-offs
xlsx-summary-not-read = Files not read
xlsx-not-read-why = Why
xlsx-not-read-learner = Learner
xlsx-not-read-login = Login
xlsx-mark-below = - below target
xlsx-mark-at = = at target
xlsx-mark-above = + above target
xlsx-competency = Competency
xlsx-competency-name = Name
xlsx-matrix-name = Name
xlsx-matrix-login = Login
xlsx-matrix-role = Role
xlsx-achieved = { $id } achieved
xlsx-target = { $id } target
xlsx-statements-learner = Learner
xlsx-statements-login = Login
xlsx-statements-competency = Competency
xlsx-statements-level = Level
xlsx-statements-statement-id = Statement ID
xlsx-statements-statement = Statement
xlsx-statements-checked = Checked
xlsx-statements-checked-at = Checked at (UTC)
xlsx-statements-note = Note
xlsx-progress-week = Week of
xlsx-progress-at-target = Learners at target
xlsx-progress-learners = Learners
xlsx-chart-title = Learners at target, week by week
xlsx-needs-output = --export xlsx needs -o FILE.xlsx (an Excel file is not printed to the terminal)
xlsx-too-many-rows = the statements sheet would have { $rows } rows, more than Excel's { $limit }; name fewer learners (PATH)
xlsx-cannot-make = could not make the Excel file: { $error }

## How a coach's record is labelled: verified, no team, or why not.

trust-verified = verified
trust-no-team = not verified (no team)
trust-unverified = unverified: { $why }
unverified-in-learners-file = written in the learner's own file
unverified-team-file-owner = the team file is owned by { $owner } (must be root or the team directory's owner)
unverified-team-file-writable = the team file can be written by others than its owner
unverified-not-a-regular-file = the coach's file is not a regular file
unverified-owner-is-not-named = the file is { $named }'s by name but owned by { $owner }
unverified-file-writable = the coach's file can be written by others
unverified-not-a-coach = { $login } is not a coach in the team file
unverified-for-another-learner = the file is for another learner ({ $named })
unverified-linked = the file has { $links } names (hard links)
unverified-own-levels = a coach's verdict on their own levels
unverified-team-file-invalid = the team file cannot be read or is not valid ({ $reason }); nothing counts until it is put right
unverified-from-the-future = it holds a time later than this host's clock

## A coach's record that could not be read.

unread-broken = { $line }:{ $col }: broken ({ $words })
unread-newer-keiko = a newer keiko
unread-newer-schema = written by { $by } (schema { $found }); this is keiko { $current }: upgrade keiko
unread-too-large = { $size } bytes, over the limit
unread-not-a-file = a symbolic link or not a regular file
unread-record = { $coach }'s record cannot be used ({ $why }): its sign-offs, returns and comments are not shown

## Why a file could not be read (a framework file, a review PATH, the config file).

not-utf8 = not UTF-8 text
not-a-regular-file = not a regular file
file-too-large = the file is { $size } bytes, more than a framework can be ({ $limit } bytes)

## The framework's rules a file breaks, each naming the id.

rule-empty-framework-id = the framework has an empty id
rule-no-roles = the framework defines no roles
rule-invalid-role-code = role { $code }: invalid role code
rule-duplicate-role-code = role { $code }: duplicate role code
rule-no-competencies = the framework has no competencies
rule-invalid-competency-id = competency { $id }: invalid id
rule-duplicate-competency-id = { $id }: duplicate competency id
rule-empty-competency-name = { $id }: the competency has an empty name
rule-no-levels = { $id }: the competency has no levels
rule-level-out-of-order = { $competency }: level { $found } is out of order (levels must be numbered 1, 2, 3, … in order; expected { $expected })
rule-empty-level = { $competency }: level { $level } has no statements
rule-invalid-statement-id = { $competency }: statement { $statement }: invalid id
rule-duplicate-statement-id = { $id }: duplicate statement id
rule-empty-statement = { $id }: empty statement
rule-unknown-role-in-targets = { $competency }: target names unknown role { $role }
rule-target-outside-levels = { $competency }: target level { $target } for { $role } is outside the competency's levels 1–{ $top }
rule-missing-target = { $competency }: no target level for role { $role }
framework-unreadable = { $path }: cannot read framework: { $why }

## The config file's errors.

config-too-large = the config file is { $size } bytes, too large to be one
config-unreadable = cannot read the config file: { $why }
config-unknown-setting = unknown setting '{ $key }' (the settings are lang, ascii, keys)
config-bad-lang = lang is one of { $languages }
config-expected-lang = one of { $languages }
config-expected-bool = true or false
config-expected-table = a table
config-expected-keys = a key as a string, or an array of them
config-expected-path = a directory path (a string)
config-wrong-type = { $key } must be { $expected }
config-unknown-screen = unknown screen '{ $name }' (the screens are { $screens })
config-unknown-action = unknown action '{ $action }' on screen { $screen } (its actions are { $actions })
config-unknown-key = unknown key '{ $key }' (for example q, Enter, F5, Ctrl-l, Alt-Enter, Shift-Tab)
config-clash = on screen { $screen }, { $key } is bound to both { $first } and { $second }
config-no-dir = there is no place for a config file: no home directory was found
config-ignored = keiko uses its default settings, as the config file has errors

## keiko team init, add, check and migrate: what was done.

done-group-created = created group { $group }
done-group-exists = group { $group } already exists
done-coach-added = added coach { $login } to group { $group }
done-coach-in-group = coach { $login } is already in group { $group }
done-dir-created = created { $path } (owner, group and mode set)
done-dir-fixed = fixed the owner, group or mode of { $path }
done-dir-ok = { $path } already has the right owner, group and mode
done-team-file-written = wrote team file { $path }
done-team-file-ok = team file { $path } is already so
done-system-config-written = wrote the team into system config { $path }
done-system-config-ok = system config { $path } already names this team
done-roster-added = added { $login } to the roster
done-roster-updated = updated { $login } on the roster
done-roster-ok = { $login } is already on the roster so

## keiko team: why a command did not run.

admin-needs-root = this command changes owners and groups: run it as root: sudo { $command }
admin-no-such-account = no such account on this host: { $logins }
admin-not-plain = not usable as a login (letters, digits, . _ - only): { $logins }
admin-bad-group-name = not usable as a group name: { $group }
admin-no-team = no team is set up ({ $config } names none): run sudo keiko team init DIR --coaches LOGIN first, or give --team DIR
admin-group-missing = group { $group } does not exist: sudo keiko team init creates it
admin-not-a-directory = { $path } is not a directory: nothing changed there
admin-invalid = { $path } has errors, so it is left as it is: { $error }
admin-system-group = { $group } (gid { $gid }) is a system group: give the team a group of its own (without --group keiko makes keiko-DIRNAME; --force to use it anyway)
admin-group-has-others = group { $group } has members who are not this team's coaches ({ $others }): they would all read every learner's notes; use another group, or --force
admin-system-account = { $login } (uid { $uid }) is a system account, not a learner's
admin-both-coach-and-learner = { $logins } cannot be both a coach and a learner (they would sign off their own levels)
admin-failed = { $what } failed: { $error }

## keiko team check: each problem found.

problem-cannot-look = could not look into { $path } ({ $error }): not checked
problem-team-dir-missing = team directory { $path } is missing
problem-not-a-directory = { $path } is not a directory
problem-team-file-missing = team file { $path } is missing
problem-team-file-invalid = { $path } has errors: { $error }
problem-group-missing = group { $group } does not exist
problem-owner = { $path } is owned by { $found } (should be { $want })
problem-mode = { $path } has mode { $found } (should be { $want })
problem-not-plain = '{ $login }' in the team file is not usable as a login
problem-no-account = { $login } is in the team file but has no account on this host
problem-not-in-group = coach { $login } is not in group { $group }
problem-learner-dir-missing = { $login } is on the roster but has no directory { $path }
problem-not-on-roster = { $path } is a directory of nobody on the roster
problem-symlink = { $path } is a symbolic link
problem-stray = { $path } does not belong in the team
problem-unverifiable-not-listed = { $path } cannot be verified: { $coach } is not a coach in the team file (owner { $owner })
problem-old-layout = the team { $path } is still in the first layout (coaches' records in the learners' own directories, where the learners can swap them)
problem-linked = { $path } has more than one name (a hard link)
problem-not-a-coach-in-group = { $login } is in group { $group } but is not a coach (and can read every learner's notes)
problem-both-coach-and-learner = { $login } is both a coach and a learner
problem-missing = { $path } is missing
problem-learner-cannot-read = { $login } cannot read { $path } (its ACL)
problem-unverifiable-listed = { $path } cannot be verified: it is { $coach }'s by name but owned by { $owner }

## keiko team check --fix: what was put right, and why a file was set aside.

quarantine-stray = not something keiko puts there
quarantine-not-the-writers = owned by { $owner }, not its writer
quarantine-linked = it has more than one name
quarantine-left-over = a temp file of a keiko that was killed
quarantine-not-on-roster = not on the roster
quarantine-changed-since-written = it changed after keiko last wrote it (moved, restored or edited by hand)
fixed-quarantined = quarantined { $path } → { $to } ({ $why })
fixed-mode = set { $path } to mode { $mode }
fixed-readable = made { $path } readable by its learner (ACL)
fixed-moved = checked { $from } and wrote it anew as { $to }
fixed-learner-moved = moved { $from } to { $to }
fixed-removed = removed { $path }
fixed-layout = { $path } now names layout { $layout }
check-no-problems = { $root }: no problems
check-fix = { $problem }  → fix: { $fix }
check-count = problems found: { $n }
summary-nothing-changed = nothing changed: everything was already so
summary-changes = { $n ->
    [one] { $n } change made
   *[other] { $n } changes made
}
