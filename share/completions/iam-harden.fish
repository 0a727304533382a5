# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_iam_harden_global_optspecs
    string join \n profile= region= endpoint-url= f/format= color= no-color v/verbose q/quiet timeout= max-memory= h/help V/version
end

function __fish_iam_harden_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_iam_harden_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_iam_harden_using_subcommand
    set -l cmd (__fish_iam_harden_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c iam-harden -n "__fish_iam_harden_needs_command" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_needs_command" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_needs_command" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "fix" -d 'Remediate one item: show the plan, confirm, apply, verify'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "init" -d 'Write a commented default iam-harden.toml (never overwrites)'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "merge" -d 'Combine JSON reports (of shards, or of separate runs) into one and render it in any --format; reports of the same account are refused, other tool versions noted'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "diff" -d 'Compare two JSON reports: new, resolved and unchanged findings, and checks whose status changed, per account; exit 1 when a new finding is at or above --fail-on'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "permissions" -d 'Print the least-privilege IAM policy a command needs'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "checks" -d 'List the checks: id, severity, CIS and Security Hub ids, title (--format table, json or markdown)'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "explain" -d 'Explain one check: what green means, why it matters, what it reads, how to fix it; or, with --principal, how one user or role can become an administrator and what blocks every other way (read from the account)'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "man" -d 'Print the man page (roff) on stdout, or write every page (one per subcommand, as the main page names them) into a directory'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "audit" -d 'Read the account and print the five-item security checklist (--all: every check, the CIS ones and beyond)'
complete -c iam-harden -n "__fish_iam_harden_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "password-policy" -d 'Write a password policy that meets the baseline without weakening any current value'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "groups" -d 'Create an admin group and move users\' own policies into groups, without lost access'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "individual-users" -d 'Create an IAM user for daily work, in the admin group, with a console password'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "root-access-keys" -d 'Deactivate (or delete) the root user\'s access keys; only root itself can'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "root-mfa" -d 'Guide through enabling root MFA in the console (AWS offers no API) and verify it'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "sign-in-url" -d 'Set the account alias that makes the sign-in URL readable'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "user-mfa" -d 'Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "security-contact" -d 'Register the account\'s security contact (AWS Account API)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "all" -d 'Every orange item, in checklist order, with default options'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and not __fish_seen_subcommand_from password-policy groups individual-users root-access-keys root-mfa sign-in-url user-mfa security-contact all help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l min-length -d 'Minimum password length (6-128); a longer current minimum is kept' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l reuse-prevention -d 'Previous passwords to remember (1-24); a larger current value is kept' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l max-age -d 'Days before a password expires (1-1095). Not set by default: NIST SP 800-63B advises against forced rotation. A shorter current value is kept' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l require-uppercase -d 'Require an uppercase letter (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-require-uppercase -d 'Do not require an uppercase letter'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l require-lowercase -d 'Require a lowercase letter (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-require-lowercase -d 'Do not require a lowercase letter'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l require-numbers -d 'Require a number (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-require-numbers -d 'Do not require a number'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l require-symbols -d 'Require a symbol (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-require-symbols -d 'Do not require a symbol'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l allow-users-to-change -d 'Let users change their own password (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-allow-users-to-change -d 'Do not require that users may change their own password'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l hard-expiry -d 'Expired passwords need an administrator to reset them'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l undo -d 'Restore the policy recorded before the last password-policy change in the change log; refused when the policy has changed since'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from password-policy" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l group -d 'The admin group to create when missing' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l policy-arn -d 'The policy the admin group carries' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from groups" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l user -d 'Name of the new user (asked at a terminal when missing)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l group -d 'Group the user joins; created with --policy-arn when missing' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l policy-arn -d 'The policy a newly created group carries' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l credentials-file -d 'Write the new credentials to this file (mode 0600, never overwritten) instead of showing them on the terminal' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l access-key -d 'Also create an access key (off by default: CIS advises none at initial setup)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from individual-users" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l wait -d 'When not signed in as root: poll until the root keys are gone (default 600 s)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l delete -d 'Delete the keys (after deactivating them) instead of only deactivating them'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-access-keys" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l wait -d 'Poll until root MFA is active (default 600 s)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from root-mfa" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l alias -d 'The account alias (3-63 lowercase letters, digits and single hyphens)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l undo -d 'Restore the alias recorded before the last sign-in-url change in the change log; refused when the alias has changed since'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from sign-in-url" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l user -d 'The user to enrol' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from user-mfa" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l name -d 'Who AWS should reach about security issues: a person or a team (1-64 characters)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l email -d 'The contact\'s email address, ideally a team mailbox' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l phone -d 'The contact\'s phone number (digits, spaces, +, -, parentheses)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l title -d 'The contact\'s title (1-50 characters)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from security-contact" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l journal -d 'The change log every applied call is appended to (JSON Lines, created 0600); a log that cannot be written stops the fix before any call [default: $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l accounts -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l dry-run -d 'Print the plan (as JSON with --format json) and change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s y -l yes -d 'Apply without asking: for automation. Without a terminal on stdin, fixes refuse to run unless this or --dry-run is given'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l org -d 'Accepted only to refuse with a reason: a fix changes one account at a time'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from all" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "password-policy" -d 'Write a password policy that meets the baseline without weakening any current value'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "groups" -d 'Create an admin group and move users\' own policies into groups, without lost access'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "individual-users" -d 'Create an IAM user for daily work, in the admin group, with a console password'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "root-access-keys" -d 'Deactivate (or delete) the root user\'s access keys; only root itself can'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "root-mfa" -d 'Guide through enabling root MFA in the console (AWS offers no API) and verify it'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "sign-in-url" -d 'Set the account alias that makes the sign-in URL readable'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "user-mfa" -d 'Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "security-contact" -d 'Register the account\'s security contact (AWS Account API)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "all" -d 'Every orange item, in checklist order, with default options'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l path -d 'Where to write it' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand init" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l fail-on -d 'Orange items at this severity or above exit 1 [default: low]' -r -f -a "critical\t''
high\t''
medium\t''
low\t''
none\t'Orange items never fail the run; errors still do'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s o -l output -d 'Also write the merged report to a file: FORMAT=PATH (repeatable)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand merge" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l fail-on -d 'New findings at this severity or above exit 1 [default: low: any new finding]' -r -f -a "critical\t''
high\t''
medium\t''
low\t''
none\t'Orange items never fail the run; errors still do'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l allow-newer-baseline -d 'Compare even when OLD.json was generated after NEW.json (refused otherwise: reports swapped by mistake would read what got worse as resolved)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand diff" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l all -d 'For `audit --all`: the extended checks\' reads too'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l security-hub -d 'For `audit --security-hub`: importing and reading back findings too'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand permissions" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l all -d 'The extended checks too'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand checks" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l principal -d 'A user or role (ARN or name): its shortest path to administrator, and each escalation it could try that is blocked, with what blocks it (--format table or json)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand explain" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand completions" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l dir -d 'Write iam-harden.1 and a page for each subcommand (iam-harden-audit.1, ...) here' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand man" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l config -d 'Config file [default: iam-harden.toml in the current directory, when present]' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l fail-on -d 'Orange items at this severity or above exit 1 [default: low, or the config file\'s]' -r -f -a "critical\t''
high\t''
medium\t''
low\t''
none\t'Orange items never fail the run; errors still do'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l checks -d 'Run only these checks (comma-separated ids) [default: the console\'s five, or the config file\'s]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l unused-days -d 'unused-credentials: days without use that make a password or key orange [default: 45]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l rotation-days -d 'access-key-rotation: age in days that makes an active key orange [default: 90]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l root-recent-days -d 'root-recent-use: root use within this many days is orange [default: 90]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s o -l output -d 'Also write a report to a file: FORMAT=PATH (repeatable), or PATH for the --format format while the table goes to stdout (with the table, a known extension names the format: .json, .xml, .sarif, .md, .csv, .html)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l now -d 'The date (YYYY-MM-DD, midnight UTC) waivers and day counts are measured against (tests only)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l accounts -d 'Audit these accounts: ID,ID,... or @FILE (one id per line, # comments)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l role-name -d 'The role to assume in each account: arn:PARTITION:iam::ACCOUNT:role/NAME (the caller\'s own account is read with its own credentials)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l role-session-name -d 'The session name of each assumed role, as CloudTrail shows it' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l external-id -d 'The external id the roles\' trust policies ask for' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l concurrency -d 'Accounts read at once (1-256)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l shard -d 'Audit only shard I of N (1-based): accounts whose id modulo N is I-1, so that N CI jobs cover every account exactly once' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l baseline -d 'Compare with an earlier run (its JSON report): each finding is marked new or unchanged, what was resolved since is counted, and --fail-on applies to new findings only. Evidence, not a waiver: the report names the baseline\'s date' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l from-authorization-details -d 'Read users, groups, roles and policies from this file instead of AWS: the JSON that `aws iam get-account-authorization-details` prints (all pages merged). Checks that need anything else are `error`, saying it is not in the file. No call to AWS is made' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l journal -d 'With --fix: the change log to append to (as `fix --journal`)' -r -F
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l min-length -d 'Minimum password length the policy must require [default: 14]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l reuse-prevention -d 'Passwords the policy must remember against reuse, 0: not required [default: 24]' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l profile -d 'Named profile from the AWS config files (default: AWS_PROFILE or "default")' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l region -d 'Region used for signing and for STS (IAM itself is global; default: us-east-1 when no region is configured)' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l endpoint-url -d 'Send every request to this endpoint instead of AWS (a local IAM server, a proxy). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s f -l format -d 'Output format on stdout (`fix` prints table or json only)' -r -f -a "table\t'The checklist, for people'
json\t'The report as JSON (schema/report.schema.json, described in docs/reports.md)'
junit\t'JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions'
sarif\t'SARIF 2.1.0: one rule per check, one result per orange item (code scanning)'
markdown\t'A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments'
csv\t'CSV, one row per finding (RFC 4180), for spreadsheets and inventories'
asff\t'AWS Security Finding Format: a JSON array for Security Hub\'s BatchImportFindings'
ocsf\t'OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes'
html\t'One self-contained HTML file (no fetch of any kind), for people: the checklist, or the account matrix of a sweep with a filter and each account\'s checklist'"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l color -d 'When to colour the output; "auto" colours a terminal unless NO_COLOR is set or TERM=dumb (CLICOLOR_FORCE=1 colours anything)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l timeout -d 'Seconds the account may take to answer: the whole read of an audit, and each call of a fix. A silent endpoint ends the run with exit 2 after this long' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l max-memory -d 'MiB of memory the run may hold; past it the run ends with exit 2 and one line (as when the system refuses memory), never a crash. Default: no cap of its own' -r
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l all -d 'Also run the extended CIS AWS Foundations checks (credential report, policies, certificates)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l org -d 'Audit every ACTIVE account of the organization (Organizations ListAccounts, from the management account or a delegated administrator), each through --role-name'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l allow-newer-baseline -d 'Compare with a baseline generated after this run (refused otherwise: a baseline from the future would read what got worse as resolved)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l security-hub -d 'Import the findings into the account\'s AWS Security Hub (default product) in the run\'s region, and archive those this tool imported earlier that no longer appear'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l fix -d 'After the audit, fix every orange item in checklist order (as `fix all`)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l dry-run -d 'With --fix: show the plans, change nothing'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s y -l yes -d 'With --fix: apply without asking'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l require-uppercase -d 'Require an uppercase letter (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-require-uppercase -d 'Do not require an uppercase letter'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l require-lowercase -d 'Require a lowercase letter (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-require-lowercase -d 'Do not require a lowercase letter'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l require-numbers -d 'Require a number (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-require-numbers -d 'Do not require a number'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l require-symbols -d 'Require a symbol (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-require-symbols -d 'Do not require a symbol'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l allow-users-to-change -d 'Let users change their own password (default)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-allow-users-to-change -d 'Do not require that users may change their own password'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -l no-color -d 'The same as --color never'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s v -l verbose -d 'Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set does the same)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s q -l quiet -d 'The table shows only what is orange or could not be decided (nothing when all is green); the exit code says the rest'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand audit" -s V -l version -d 'Print version'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "fix" -d 'Remediate one item: show the plan, confirm, apply, verify'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "init" -d 'Write a commented default iam-harden.toml (never overwrites)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "merge" -d 'Combine JSON reports (of shards, or of separate runs) into one and render it in any --format; reports of the same account are refused, other tool versions noted'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "diff" -d 'Compare two JSON reports: new, resolved and unchanged findings, and checks whose status changed, per account; exit 1 when a new finding is at or above --fail-on'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "permissions" -d 'Print the least-privilege IAM policy a command needs'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "checks" -d 'List the checks: id, severity, CIS and Security Hub ids, title (--format table, json or markdown)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "explain" -d 'Explain one check: what green means, why it matters, what it reads, how to fix it; or, with --principal, how one user or role can become an administrator and what blocks every other way (read from the account)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "man" -d 'Print the man page (roff) on stdout, or write every page (one per subcommand, as the main page names them) into a directory'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "audit" -d 'Read the account and print the five-item security checklist (--all: every check, the CIS ones and beyond)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and not __fish_seen_subcommand_from fix init merge diff permissions checks explain completions man audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "password-policy" -d 'Write a password policy that meets the baseline without weakening any current value'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "groups" -d 'Create an admin group and move users\' own policies into groups, without lost access'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "individual-users" -d 'Create an IAM user for daily work, in the admin group, with a console password'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "root-access-keys" -d 'Deactivate (or delete) the root user\'s access keys; only root itself can'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "root-mfa" -d 'Guide through enabling root MFA in the console (AWS offers no API) and verify it'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "sign-in-url" -d 'Set the account alias that makes the sign-in URL readable'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "user-mfa" -d 'Enrol a virtual MFA device for a user, in the terminal (QR code, two codes)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "security-contact" -d 'Register the account\'s security contact (AWS Account API)'
complete -c iam-harden -n "__fish_iam_harden_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "all" -d 'Every orange item, in checklist order, with default options'
