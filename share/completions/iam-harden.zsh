#compdef iam-harden

autoload -U is-at-least

_iam-harden() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_iam-harden_commands" \
"*::: :->iam-harden" \
&& ret=0
    case $state in
    (iam-harden)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:iam-harden-command-$line[1]:"
        case $line[1] in
            (fix)
_arguments "${_arguments_options[@]}" : \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_iam-harden__subcmd__fix_commands" \
"*::: :->fix" \
&& ret=0

    case $state in
    (fix)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:iam-harden-fix-command-$line[1]:"
        case $line[1] in
            (password-policy)
_arguments "${_arguments_options[@]}" : \
'--min-length=[Minimum password length (6-128); a longer current minimum is kept]:N:_default' \
'--reuse-prevention=[Previous passwords to remember (1-24); a larger current value is kept]:N:_default' \
'--max-age=[Days before a password expires (1-1095). Not set by default\: NIST SP 800-63B advises against forced rotation. A shorter current value is kept]:DAYS:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--require-uppercase[Require an uppercase letter (default)]' \
'--no-require-uppercase[Do not require an uppercase letter]' \
'--require-lowercase[Require a lowercase letter (default)]' \
'--no-require-lowercase[Do not require a lowercase letter]' \
'--require-numbers[Require a number (default)]' \
'--no-require-numbers[Do not require a number]' \
'--require-symbols[Require a symbol (default)]' \
'--no-require-symbols[Do not require a symbol]' \
'--allow-users-to-change[Let users change their own password (default)]' \
'--no-allow-users-to-change[Do not require that users may change their own password]' \
'--hard-expiry[Expired passwords need an administrator to reset them]' \
'(--min-length --reuse-prevention --max-age --hard-expiry)--undo[Restore the policy recorded before the last password-policy change in the change log; refused when the policy has changed since]' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(groups)
_arguments "${_arguments_options[@]}" : \
'--group=[The admin group to create when missing]:NAME:_default' \
'--policy-arn=[The policy the admin group carries]:ARN:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(individual-users)
_arguments "${_arguments_options[@]}" : \
'--user=[Name of the new user (asked at a terminal when missing)]:NAME:_default' \
'--group=[Group the user joins; created with --policy-arn when missing]:NAME:_default' \
'--policy-arn=[The policy a newly created group carries]:ARN:_default' \
'--credentials-file=[Write the new credentials to this file (mode 0600, never overwritten) instead of showing them on the terminal]:PATH:_files' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--access-key[Also create an access key (off by default\: CIS advises none at initial setup)]' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(root-access-keys)
_arguments "${_arguments_options[@]}" : \
'--wait=[When not signed in as root\: poll until the root keys are gone (default 600 s)]::SECONDS:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--delete[Delete the keys (after deactivating them) instead of only deactivating them]' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(root-mfa)
_arguments "${_arguments_options[@]}" : \
'--wait=[Poll until root MFA is active (default 600 s)]::SECONDS:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(sign-in-url)
_arguments "${_arguments_options[@]}" : \
'--alias=[The account alias (3-63 lowercase letters, digits and single hyphens)]:NAME:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--alias)--undo[Restore the alias recorded before the last sign-in-url change in the change log; refused when the alias has changed since]' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(user-mfa)
_arguments "${_arguments_options[@]}" : \
'--user=[The user to enrol]:NAME:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(security-contact)
_arguments "${_arguments_options[@]}" : \
'--name=[Who AWS should reach about security issues\: a person or a team (1-64 characters)]:NAME:_default' \
'--email=[The contact'\''s email address, ideally a team mailbox]:ADDRESS:_default' \
'--phone=[The contact'\''s phone number (digits, spaces, +, -, parentheses)]:NUMBER:_default' \
'--title=[The contact'\''s title (1-50 characters)]:TITLE:_default' \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
'--journal=[The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call \[default\: \$XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...\]]:PATH:_files' \
'--accounts=[]:IDS:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--dry-run[Print the plan (as JSON with --format json) and change nothing]' \
'-y[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--yes[Apply without asking\: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given]' \
'--org[Accepted only to refuse with a reason\: a fix changes one account at a time]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_iam-harden__subcmd__fix__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:iam-harden-fix-help-command-$line[1]:"
        case $line[1] in
            (password-policy)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(groups)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(individual-users)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(root-access-keys)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(root-mfa)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sign-in-url)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(user-mfa)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(security-contact)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(init)
_arguments "${_arguments_options[@]}" : \
'--path=[Where to write it]:PATH:_files' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(merge)
_arguments "${_arguments_options[@]}" : \
'--fail-on=[Orange items at this severity or above exit 1 \[default\: low\]]:SEVERITY:((critical\:""
high\:""
medium\:""
low\:""
none\:"Orange items never fail the run; errors still do"))' \
'*-o+[Also write the merged report to a file\: FORMAT=PATH (repeatable)]:[FORMAT=]PATH:_default' \
'*--output=[Also write the merged report to a file\: FORMAT=PATH (repeatable)]:[FORMAT=]PATH:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::reports -- JSON reports of `audit --format json`\: one account'\''s or a sweep'\''s:_files' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'--fail-on=[New findings at this severity or above exit 1 \[default\: low\: any new finding\]]:SEVERITY:((critical\:""
high\:""
medium\:""
low\:""
none\:"Orange items never fail the run; errors still do"))' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--allow-newer-baseline[Compare even when OLD.json was generated after NEW.json (refused otherwise\: reports swapped by mistake would read what got worse as resolved)]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':old -- The earlier run\: a JSON report of `audit --format json` (one account'\''s or a sweep'\''s):_files' \
':new -- The later run, in the same form:_files' \
&& ret=0
;;
(permissions)
_arguments "${_arguments_options[@]}" : \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--all[For \`audit --all\`\: the extended checks'\'' reads too]' \
'--security-hub[For \`audit --security-hub\`\: importing and reading back findings too]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::command:((audit\:"Read-only\: what \`iam-harden audit\` calls"
fix\:"What every \`iam-harden fix\` may call, reads included"))' \
&& ret=0
;;
(checks)
_arguments "${_arguments_options[@]}" : \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--all[The extended checks too]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
'()--principal=[A user or role (ARN or name)\: its shortest path to administrator, and each escalation it could try that is blocked, with what blocks it (--format table or json)]:ARN_OR_NAME:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::id -- A check id (root-mfa), a CIS recommendation (1.4) or a Security Hub control (IAM.9):_default' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--dir=[Write iam-harden.1 and a page for each subcommand (iam-harden-audit.1, ...) here]:DIR:_files' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--config=[Config file \[default\: iam-harden.toml in the current directory, when present\]]:PATH:_files' \
'--fail-on=[Orange items at this severity or above exit 1 \[default\: low, or the config file'\''s\]]:SEVERITY:((critical\:""
high\:""
medium\:""
low\:""
none\:"Orange items never fail the run; errors still do"))' \
'(--all)*--checks=[Run only these checks (comma-separated ids) \[default\: the console'\''s five, or the config file'\''s\]]:IDS:_default' \
'--unused-days=[unused-credentials\: days without use that make a password or key orange \[default\: 45\]]:DAYS:_default' \
'--rotation-days=[access-key-rotation\: age in days that makes an active key orange \[default\: 90\]]:DAYS:_default' \
'--root-recent-days=[root-recent-use\: root use within this many days is orange \[default\: 90\]]:DAYS:_default' \
'*-o+[Also write a report to a file\: FORMAT=PATH (repeatable), or PATH for the --format format while the table goes to stdout (with the table, a known extension names the format\: .json, .xml, .sarif, .md, .csv, .html)]:[FORMAT=]PATH:_default' \
'*--output=[Also write a report to a file\: FORMAT=PATH (repeatable), or PATH for the --format format while the table goes to stdout (with the table, a known extension names the format\: .json, .xml, .sarif, .md, .csv, .html)]:[FORMAT=]PATH:_default' \
'--now=[The date (YYYY-MM-DD, midnight UTC) waivers and day counts are measured against (tests only)]:YYYY-MM-DD:_default' \
'(--fix)--accounts=[Audit these accounts\: ID,ID,... or @FILE (one id per line, # comments)]:IDS|@FILE:_default' \
'--role-name=[The role to assume in each account\: arn\:PARTITION\:iam\:\:ACCOUNT\:role/NAME (the caller'\''s own account is read with its own credentials)]:NAME:_default' \
'--role-session-name=[The session name of each assumed role, as CloudTrail shows it]:NAME:_default' \
'--external-id=[The external id the roles'\'' trust policies ask for]:ID:_default' \
'--concurrency=[Accounts read at once (1-256)]:N:_default' \
'--shard=[Audit only shard I of N (1-based)\: accounts whose id modulo N is I-1, so that N CI jobs cover every account exactly once]:I/N:_default' \
'--baseline=[Compare with an earlier run (its JSON report)\: each finding is marked new or unchanged, what was resolved since is counted, and --fail-on applies to new findings only. Evidence, not a waiver\: the report names the baseline'\''s date]:OLD.json:_files' \
'(--org --accounts --security-hub --fix)--from-authorization-details=[Read users, groups, roles and policies from this file instead of AWS\: the JSON that \`aws iam get-account-authorization-details\` prints (all pages merged). Checks that need anything else are \`error\`, saying it is not in the file. No call to AWS is made]:FILE:_files' \
'--journal=[With --fix\: the change log to append to (as \`fix --journal\`)]:PATH:_files' \
'--min-length=[Minimum password length the policy must require \[default\: 14\]]:N:_default' \
'--reuse-prevention=[Passwords the policy must remember against reuse, 0\: not required \[default\: 24\]]:N:_default' \
'--profile=[Named profile from the AWS config files (default\: AWS_PROFILE or "default")]:NAME:_default' \
'--region=[Region used for signing and for STS (IAM itself is global; default\: us-east-1 when no region is configured)]:REGION:_default' \
'--endpoint-url=[Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins]:URL:_default' \
'-f+[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--format=[Output format on stdout (\`fix\` prints table or json only)]:FORMAT:((table\:"The checklist, for people"
json\:"The report as JSON (schema/report.schema.json, described in docs/reports.md)"
junit\:"JUnit XML\: one test case per check, for Jenkins, GitLab and JUnit report actions"
sarif\:"SARIF 2.1.0\: one rule per check, one result per orange item (code scanning)"
markdown\:"A Markdown table, for \$GITHUB_STEP_SUMMARY and pull-request comments"
csv\:"CSV, one row per finding (RFC 4180), for spreadsheets and inventories"
asff\:"AWS Security Finding Format\: a JSON array for Security Hub'\''s BatchImportFindings"
ocsf\:"OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes"
html\:"One self-contained HTML file (no fetch of any kind), for people\: the checklist, or the account matrix of a sweep with a filter and each account'\''s checklist"))' \
'--color=[When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)]:COLOR:(auto always never)' \
'--timeout=[Seconds the account may take to answer\: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long]:SECS:_default' \
'--max-memory=[MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default\: no cap of its own]:MIB:_default' \
'--all[Also run the extended CIS AWS Foundations checks (credential report, policies, certificates)]' \
'(--accounts --fix)--org[Audit every ACTIVE account of the organization (Organizations ListAccounts, from the management account or a delegated administrator), each through --role-name]' \
'--allow-newer-baseline[Compare with a baseline generated after this run (refused otherwise\: a baseline from the future would read what got worse as resolved)]' \
'(--org --accounts)--security-hub[Import the findings into the account'\''s AWS Security Hub (default product) in the run'\''s region, and archive those this tool imported earlier that no longer appear]' \
'--fix[After the audit, fix every orange item in checklist order (as \`fix all\`)]' \
'--dry-run[With --fix\: show the plans, change nothing]' \
'-y[With --fix\: apply without asking]' \
'--yes[With --fix\: apply without asking]' \
'--require-uppercase[Require an uppercase letter (default)]' \
'--no-require-uppercase[Do not require an uppercase letter]' \
'--require-lowercase[Require a lowercase letter (default)]' \
'--no-require-lowercase[Do not require a lowercase letter]' \
'--require-numbers[Require a number (default)]' \
'--no-require-numbers[Do not require a number]' \
'--require-symbols[Require a symbol (default)]' \
'--no-require-symbols[Do not require a symbol]' \
'--allow-users-to-change[Let users change their own password (default)]' \
'--no-allow-users-to-change[Do not require that users may change their own password]' \
'(--color)--no-color[The same as --color never]' \
'-v[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'--verbose[Each AWS call on stderr\: its name, HTTP status, time and request id (RUST_LOG set does the same)]' \
'-q[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'--quiet[The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_iam-harden__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:iam-harden-help-command-$line[1]:"
        case $line[1] in
            (fix)
_arguments "${_arguments_options[@]}" : \
":: :_iam-harden__subcmd__help__subcmd__fix_commands" \
"*::: :->fix" \
&& ret=0

    case $state in
    (fix)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:iam-harden-help-fix-command-$line[1]:"
        case $line[1] in
            (password-policy)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(groups)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(individual-users)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(root-access-keys)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(root-mfa)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sign-in-url)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(user-mfa)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(security-contact)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(merge)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(permissions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(checks)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_iam-harden_commands] )) ||
_iam-harden_commands() {
    local commands; commands=(
'fix:Remediate one item\: show the plan, confirm, apply, verify' \
'init:Write a commented default iam-harden.toml (never overwrites)' \
'merge:Combine JSON reports (of shards, or of separate runs) into one and render it in any --format; reports of the same account are refused, other tool versions noted' \
'diff:Compare two JSON reports\: new, resolved and unchanged findings, and checks whose status changed, per account; exit 1 when a new finding is at or above --fail-on' \
'permissions:Print the least-privilege IAM policy a command needs' \
'checks:List the checks\: id, severity, CIS and Security Hub ids, title (--format table, json or markdown)' \
'explain:Explain one check\: what green means, why it matters, what it reads, how to fix it; or, with --principal, how one user or role can become an administrator and what blocks every other way (read from the account)' \
'completions:Print a completion script for a shell' \
'man:Print the man page (roff) on stdout, or write every page (one per subcommand, as the main page names them) into a directory' \
'audit:Read the account and print the five-item security checklist (--all\: every check, the CIS ones and beyond)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'iam-harden commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__audit_commands] )) ||
_iam-harden__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden audit commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__checks_commands] )) ||
_iam-harden__subcmd__checks_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden checks commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__completions_commands] )) ||
_iam-harden__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden completions commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__diff_commands] )) ||
_iam-harden__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden diff commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__explain_commands] )) ||
_iam-harden__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden explain commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix_commands] )) ||
_iam-harden__subcmd__fix_commands() {
    local commands; commands=(
'password-policy:Write a password policy that meets the baseline without weakening any current value' \
'groups:Create an admin group and move users'\'' own policies into groups, without lost access' \
'individual-users:Create an IAM user for daily work, in the admin group, with a console password' \
'root-access-keys:Deactivate (or delete) the root user'\''s access keys; only root itself can' \
'root-mfa:Guide through enabling root MFA in the console (AWS offers no API) and verify it' \
'sign-in-url:Set the account alias that makes the sign-in URL readable' \
'user-mfa:Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)' \
'security-contact:Register the account'\''s security contact (AWS Account API)' \
'all:Every orange item, in checklist order, with default options' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'iam-harden fix commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__all_commands] )) ||
_iam-harden__subcmd__fix__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix all commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__groups_commands] )) ||
_iam-harden__subcmd__fix__subcmd__groups_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix groups commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help_commands() {
    local commands; commands=(
'password-policy:Write a password policy that meets the baseline without weakening any current value' \
'groups:Create an admin group and move users'\'' own policies into groups, without lost access' \
'individual-users:Create an IAM user for daily work, in the admin group, with a console password' \
'root-access-keys:Deactivate (or delete) the root user'\''s access keys; only root itself can' \
'root-mfa:Guide through enabling root MFA in the console (AWS offers no API) and verify it' \
'sign-in-url:Set the account alias that makes the sign-in URL readable' \
'user-mfa:Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)' \
'security-contact:Register the account'\''s security contact (AWS Account API)' \
'all:Every orange item, in checklist order, with default options' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'iam-harden fix help commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__all_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help all commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__groups_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__groups_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help groups commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__help_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help help commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__individual-users_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__individual-users_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help individual-users commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__password-policy_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__password-policy_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help password-policy commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__root-access-keys_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__root-access-keys_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help root-access-keys commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__root-mfa_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__root-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help root-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__security-contact_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__security-contact_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help security-contact commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__sign-in-url_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__sign-in-url_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help sign-in-url commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__help__subcmd__user-mfa_commands] )) ||
_iam-harden__subcmd__fix__subcmd__help__subcmd__user-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix help user-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__individual-users_commands] )) ||
_iam-harden__subcmd__fix__subcmd__individual-users_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix individual-users commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__password-policy_commands] )) ||
_iam-harden__subcmd__fix__subcmd__password-policy_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix password-policy commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__root-access-keys_commands] )) ||
_iam-harden__subcmd__fix__subcmd__root-access-keys_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix root-access-keys commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__root-mfa_commands] )) ||
_iam-harden__subcmd__fix__subcmd__root-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix root-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__security-contact_commands] )) ||
_iam-harden__subcmd__fix__subcmd__security-contact_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix security-contact commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__sign-in-url_commands] )) ||
_iam-harden__subcmd__fix__subcmd__sign-in-url_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix sign-in-url commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__fix__subcmd__user-mfa_commands] )) ||
_iam-harden__subcmd__fix__subcmd__user-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden fix user-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help_commands] )) ||
_iam-harden__subcmd__help_commands() {
    local commands; commands=(
'fix:Remediate one item\: show the plan, confirm, apply, verify' \
'init:Write a commented default iam-harden.toml (never overwrites)' \
'merge:Combine JSON reports (of shards, or of separate runs) into one and render it in any --format; reports of the same account are refused, other tool versions noted' \
'diff:Compare two JSON reports\: new, resolved and unchanged findings, and checks whose status changed, per account; exit 1 when a new finding is at or above --fail-on' \
'permissions:Print the least-privilege IAM policy a command needs' \
'checks:List the checks\: id, severity, CIS and Security Hub ids, title (--format table, json or markdown)' \
'explain:Explain one check\: what green means, why it matters, what it reads, how to fix it; or, with --principal, how one user or role can become an administrator and what blocks every other way (read from the account)' \
'completions:Print a completion script for a shell' \
'man:Print the man page (roff) on stdout, or write every page (one per subcommand, as the main page names them) into a directory' \
'audit:Read the account and print the five-item security checklist (--all\: every check, the CIS ones and beyond)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'iam-harden help commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__audit_commands] )) ||
_iam-harden__subcmd__help__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help audit commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__checks_commands] )) ||
_iam-harden__subcmd__help__subcmd__checks_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help checks commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__completions_commands] )) ||
_iam-harden__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help completions commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__diff_commands] )) ||
_iam-harden__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help diff commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__explain_commands] )) ||
_iam-harden__subcmd__help__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help explain commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix_commands() {
    local commands; commands=(
'password-policy:Write a password policy that meets the baseline without weakening any current value' \
'groups:Create an admin group and move users'\'' own policies into groups, without lost access' \
'individual-users:Create an IAM user for daily work, in the admin group, with a console password' \
'root-access-keys:Deactivate (or delete) the root user'\''s access keys; only root itself can' \
'root-mfa:Guide through enabling root MFA in the console (AWS offers no API) and verify it' \
'sign-in-url:Set the account alias that makes the sign-in URL readable' \
'user-mfa:Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)' \
'security-contact:Register the account'\''s security contact (AWS Account API)' \
'all:Every orange item, in checklist order, with default options' \
    )
    _describe -t commands 'iam-harden help fix commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__all_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix all commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__groups_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__groups_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix groups commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__individual-users_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__individual-users_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix individual-users commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__password-policy_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__password-policy_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix password-policy commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__root-access-keys_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__root-access-keys_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix root-access-keys commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__root-mfa_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__root-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix root-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__security-contact_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__security-contact_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix security-contact commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__sign-in-url_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__sign-in-url_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix sign-in-url commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__fix__subcmd__user-mfa_commands] )) ||
_iam-harden__subcmd__help__subcmd__fix__subcmd__user-mfa_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help fix user-mfa commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__help_commands] )) ||
_iam-harden__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help help commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__init_commands] )) ||
_iam-harden__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help init commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__man_commands] )) ||
_iam-harden__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help man commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__merge_commands] )) ||
_iam-harden__subcmd__help__subcmd__merge_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help merge commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__help__subcmd__permissions_commands] )) ||
_iam-harden__subcmd__help__subcmd__permissions_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden help permissions commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__init_commands] )) ||
_iam-harden__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden init commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__man_commands] )) ||
_iam-harden__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden man commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__merge_commands] )) ||
_iam-harden__subcmd__merge_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden merge commands' commands "$@"
}
(( $+functions[_iam-harden__subcmd__permissions_commands] )) ||
_iam-harden__subcmd__permissions_commands() {
    local commands; commands=()
    _describe -t commands 'iam-harden permissions commands' commands "$@"
}

if [ "$funcstack[1]" = "_iam-harden" ]; then
    _iam-harden "$@"
else
    compdef _iam-harden iam-harden
fi
