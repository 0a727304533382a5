//! A reply cut short can still parse: the SDK's XML reader stops at the end of the bytes it
//! has, and a list that lost its last members, or a summary that lost a key, reads as a
//! smaller account. Every successful IAM and STS reply is therefore checked to be one whole
//! XML document, ending with the `ResponseMetadata` that AWS writes last, and a paginated
//! read must say whether it is truncated. Anything else is an error, never a shorter list.

use aws_sdk_iam::config::interceptors::AfterDeserializationInterceptorContextRef;
use aws_sdk_iam::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_iam::error::BoxError;
use quick_xml::Reader;
use quick_xml::events::Event;

/// Replies whose result must carry `IsTruncated`: the reads this tool follows page by page.
const PAGINATED: &[&str] = &[
    "GetAccountAuthorizationDetailsResponse",
    "ListVirtualMFADevicesResponse",
    "ListServerCertificatesResponse",
];

#[derive(Debug)]
pub struct CompleteReply;

impl Intercept for CompleteReply {
    fn name(&self) -> &'static str {
        "CompleteReply"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        if !response.status().is_success() {
            return Ok(());
        }
        match response.body().bytes() {
            Some(body) => {
                check(body).map_err(|problem| format!("malformed reply: {problem}").into())
            }
            None => Ok(()),
        }
    }
}

/// Is `body` one complete AWS query-protocol reply?
pub fn check(body: &[u8]) -> Result<(), String> {
    let mut reader = Reader::from_reader(body);
    let mut buffer = Vec::new();
    let mut depth = 0usize;
    let mut root: Option<String> = None;
    let mut closed = false;
    let mut metadata = false;
    let mut truncation_flag = false;
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = tag.local_name().into_inner().to_string();
                if closed {
                    return Err(format!("content after the end of the reply: <{name}>"));
                }
                match depth {
                    0 => root = Some(name),
                    1 if name == "ResponseMetadata" => metadata = true,
                    2 if name == "IsTruncated" => truncation_flag = true,
                    _ => {}
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth -= 1;
                closed = depth == 0;
            }
            Event::Text(ref text) if closed && !text.as_ref().trim().is_empty() => {
                return Err("text after the end of the reply".into());
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    let root = root.ok_or("the reply is empty")?;
    if !closed {
        return Err(format!("the reply ends inside <{root}>: it was cut short"));
    }
    if !metadata {
        return Err(format!(
            "<{root}> has no ResponseMetadata: it was cut short"
        ));
    }
    if PAGINATED.contains(&root.as_str()) && !truncation_flag {
        return Err(format!(
            "<{root}> does not say whether it is truncated (IsTruncated)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::test_support::{response_xml, summary_xml};

    #[test]
    fn whole_replies_pass() {
        check(summary_xml(&[("Users", 1)]).as_bytes()).expect("whole");
        check(
            response_xml(
                "GetAccountAuthorizationDetails",
                "<UserDetailList/><IsTruncated>false</IsTruncated>",
            )
            .as_bytes(),
        )
        .expect("whole");
    }

    #[test]
    fn a_reply_cut_anywhere_fails() {
        let whole = summary_xml(&[("Users", 1), ("AccountMFAEnabled", 0)]);
        for cut in 0..whole.len() {
            assert!(
                check(&whole.as_bytes()[..cut]).is_err(),
                "cut at {cut} passed: {}",
                &whole[..cut]
            );
        }
    }

    #[test]
    fn a_closed_reply_without_metadata_or_truncation_flag_fails() {
        let cut = "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap/></GetAccountSummaryResult></GetAccountSummaryResponse>";
        assert!(
            check(cut.as_bytes())
                .expect_err("malformed")
                .contains("ResponseMetadata")
        );
        let page = response_xml("GetAccountAuthorizationDetails", "<UserDetailList/>");
        assert!(
            check(page.as_bytes())
                .expect_err("malformed")
                .contains("IsTruncated")
        );
        let two = format!("{}<X/>", summary_xml(&[]));
        assert!(check(two.as_bytes()).is_err());
    }
}
