//! Table-driven decision tests: each case is data (profile, request, expected decision and rule),
//! evaluated by the pure policy core with no HTTP involved.

mod table;

use retention_guard::ViolationKind as K;
use table::*;

const OPENAI_ZDR: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"";
const OPENAI_ZDR_EU: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\norganization = \"org-acme\"\nproject = \"proj_eu\"";
const OPENAI_ZDR_REJECT: &str =
    "provider = \"openai\"\nretention = \"zero_data_retention\"\non_store = \"reject\"";
const OPENAI_ZDR_ALLOW: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow = [\"POST /v1/batches\", \"/v1/responses/input_tokens\"]";
const OPENAI_ZDR_LENIENT: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\non_unknown_endpoint = \"fail_open\"";
const OPENAI_ZDR_GATEWAY: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"https://gateway.internal/llm/v1/\"";
const OPENAI_MAM: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"";
const OPENAI_MAM_ALLOW_VIDEOS: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nallow = [\"POST /v1/videos\"]";
const OPENAI_MAM_JP_ALLOW_VIDEOS: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"\nallow = [\"POST /v1/videos\"]";
const OPENAI_MAM_EU: &str =
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"";
const OPENAI_ZDR_JP: &str =
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"";
const OPENAI_MAM_JP: &str =
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"";
const OPENAI_STD: &str = "provider = \"openai\"\nretention = \"standard\"";
const OPENAI_STD_US: &str = "provider = \"openai\"\nretention = \"standard\"\nregion = \"us\"";
const OPENAI_STD_STRICT: &str =
    "provider = \"openai\"\nretention = \"standard\"\non_unknown_endpoint = \"deny\"";
const OPENAI_STD_DENY: &str = "provider = \"openai\"\nretention = \"standard\"\ndeny = [\"POST /v1/images/generations\", \"/v1/assistants/**\"]";
const GROQ_ZDR: &str = "provider = \"groq\"\nretention = \"zero_data_retention\"";
const GROQ_STD: &str = "provider = \"groq\"\nretention = \"standard\"";
const FW_ZDR: &str = "provider = \"fireworks\"\nretention = \"zero_data_retention\"";
const FW_STD: &str = "provider = \"fireworks\"\nretention = \"standard\"";

const OAI: &str = "https://api.openai.com/v1";
const GROQ: &str = "https://api.groq.com/openai/v1";
const FW: &str = "https://api.fireworks.ai/inference/v1";

fn cases() -> Vec<Case> {
    let mut all = original_cases();
    all.extend(server_readings());
    all.extend(november_2026());
    all.extend(azure_openai());
    all.extend(openrouter());
    all
}

#[rustfmt::skip]
fn original_cases() -> Vec<Case> {
    use In::*;
    let oai = |p: &str| format!("{OAI}{p}");
    let groq = |p: &str| format!("{GROQ}{p}");
    let fw = |p: &str| format!("{FW}{p}");
    let chat = oai("/chat/completions");
    let responses = oai("/responses");
    let images = oai("/images/generations");
    vec![
        // Rule 1: hosts.
        c("zdr: unknown host", OPENAI_ZDR, "POST", "https://llm.example.com/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("standard: unknown host passes untouched", OPENAI_STD, "POST", "https://llm.example.com/v1/assistants", Json("{\"store\":true}"), Out::Allow { rule: None, host: None, body: None, changes: 0, }),
        c("zdr: plain http to the provider host", OPENAI_ZDR, "POST", "http://api.openai.com/v1/embeddings", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("zdr: provider host on another port", OPENAI_ZDR, "POST", "https://api.openai.com:8443/v1/embeddings", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("zdr: another provider's host", OPENAI_ZDR, "POST", groq("/chat/completions"), Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("zdr gateway: base_url host and path", OPENAI_ZDR_GATEWAY, "POST", "https://gateway.internal/llm/v1/chat/completions", Json("{\"model\":\"m\"}"), rewritten("openai.chat_completions", "{\"store\":false,\"model\":\"m\"}")),
        c("zdr gateway: outside its base path", OPENAI_ZDR_GATEWAY, "POST", "https://gateway.internal/other/chat/completions", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr gateway: the provider host stays known", OPENAI_ZDR_GATEWAY, "POST", oai("/embeddings"), Json("{}"), allow("openai.embeddings")),
        Case { headers: &[("host", "llm.example.com")], ..c("zdr: Host header names another host", OPENAI_ZDR, "POST", oai("/embeddings"), Json("{}"), Out::Deny(K::HostNotAllowed, None)) },
        // Rule 2: residency.
        c("zdr eu: global host routed to eu", OPENAI_ZDR_EU, "POST", oai("/embeddings"), Json("{\"input\":\"x\"}"), Out::Allow { rule: Some("openai.embeddings"), host: Some("eu.api.openai.com"), body: None, changes: 3, }),
        c("zdr eu: eu host stays", OPENAI_ZDR_EU, "POST", "https://eu.api.openai.com/v1/embeddings", Json("{}"), Out::Allow { rule: Some("openai.embeddings"), host: None, body: None, changes: 2, }),
        c("zdr eu: another region's host", OPENAI_ZDR_EU, "POST", "https://jp.api.openai.com/v1/embeddings", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("zdr without region: a regional host", OPENAI_ZDR, "POST", "https://eu.api.openai.com/v1/embeddings", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("zdr: unknown regional-looking host", OPENAI_ZDR, "POST", "https://xx.api.openai.com/v1/embeddings", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("mam jp: a file upload needs its form, for batch lines", OPENAI_MAM_JP, "POST", oai("/files"), Stream, deny(K::UninspectableBody, "openai.files")),
        c("mam jp: realtime is US and EU only", OPENAI_MAM_JP, "POST", oai("/realtime/client_secrets"), Json("{}"), deny(K::RegionNotSupported, "openai.realtime")),
        c("mam jp: evals are US and EU only", OPENAI_MAM_JP, "GET", oai("/evals"), Empty, deny(K::RegionNotSupported, "openai.evals")),
        c("mam jp: deleting a file stays allowed", OPENAI_MAM_JP, "DELETE", oai("/files/file-1"), Empty, Out::Allow { rule: Some("openai.files"), host: Some("jp.api.openai.com"), body: None, changes: 1, }),
        c("mam eu: files are served", OPENAI_MAM_EU, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), Out::Allow { rule: Some("openai.files"), host: Some("eu.api.openai.com"), body: None, changes: 1, }),
        c("standard us: routed to the us host", OPENAI_STD_US, "POST", oai("/embeddings"), Json("{}"), Out::Allow { rule: Some("openai.embeddings"), host: Some("us.api.openai.com"), body: None, changes: 1, }),
        // Rule 3: state.
        c("zdr: create an assistant", OPENAI_ZDR, "POST", oai("/assistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr: list assistants", OPENAI_ZDR, "GET", oai("/assistants"), Empty, allow("openai.assistants")),
        c("zdr: delete an assistant", OPENAI_ZDR, "DELETE", oai("/assistants/asst_1"), Empty, allow("openai.assistants")),
        c("zdr: start a run", OPENAI_ZDR, "POST", oai("/threads/thread_1/runs"), Json("{}"), deny(K::EndpointNotEligible, "openai.threads")),
        c("zdr: submit tool outputs", OPENAI_ZDR, "POST", oai("/threads/t/runs/r/submit_tool_outputs"), Json("{}"), deny(K::EndpointNotEligible, "openai.threads")),
        c("zdr: search a vector store", OPENAI_ZDR, "POST", oai("/vector_stores/vs_1/search"), Json("{}"), deny(K::EndpointNotEligible, "openai.vector_stores")),
        c("zdr: upload a file", OPENAI_ZDR, "POST", oai("/files"), Stream, deny(K::EndpointNotEligible, "openai.files")),
        c("zdr: start an upload", OPENAI_ZDR, "POST", oai("/uploads"), Json("{}"), deny(K::EndpointNotEligible, "openai.uploads")),
        c("zdr: fine-tune", OPENAI_ZDR, "POST", oai("/fine_tuning/jobs"), Json("{}"), deny(K::EndpointNotEligible, "openai.fine_tuning")),
        c("zdr: create a batch", OPENAI_ZDR, "POST", oai("/batches"), Json("{}"), deny(K::EndpointNotEligible, "openai.batches")),
        c("zdr allow-listed: create a batch", OPENAI_ZDR_ALLOW, "POST", oai("/batches"), Json("{}"), allow("openai.batches")),
        c("zdr: create a conversation", OPENAI_ZDR, "POST", oai("/conversations"), Json("{}"), deny(K::EndpointNotEligible, "openai.conversations")),
        c("zdr: create an eval", OPENAI_ZDR, "POST", oai("/evals"), Json("{}"), deny(K::EndpointNotEligible, "openai.evals")),
        c("zdr: cancel a background response", OPENAI_ZDR, "POST", oai("/responses/resp_1/cancel"), Empty, deny(K::EndpointNotEligible, "openai.responses.stored")),
        c("zdr: read a stored response", OPENAI_ZDR, "GET", oai("/responses/resp_1"), Empty, allow("openai.responses.stored")),
        c("zdr: update a stored chat completion", OPENAI_ZDR, "POST", oai("/chat/completions/cmpl_1"), Json("{}"), deny(K::EndpointNotEligible, "openai.chat_completions.stored")),
        c("zdr: list stored chat completions", OPENAI_ZDR, "GET", oai("/chat/completions"), Empty, allow("openai.chat_completions.stored")),
        c("zdr: create a container", OPENAI_ZDR, "POST", oai("/containers"), Json("{}"), deny(K::EndpointNotEligible, "openai.containers")),
        c("zdr: create a video", OPENAI_ZDR, "POST", oai("/videos"), Json("{}"), deny(K::EndpointNotEligible, "openai.videos")),
        c("mam: create an assistant", OPENAI_MAM, "POST", oai("/assistants"), Json("{}"), allow("openai.assistants")),
        c("mam: videos are blocked", OPENAI_MAM, "POST", oai("/videos"), Json("{}"), deny(K::EndpointNotEligible, "openai.videos")),
        c("mam, videos allowed: the allow entry waives the block", OPENAI_MAM_ALLOW_VIDEOS, "POST", oai("/videos"), Json("{}"), allow("openai.videos")),
        c("mam jp, videos allowed: residency still applies", OPENAI_MAM_JP_ALLOW_VIDEOS, "POST", oai("/videos"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("standard: videos", OPENAI_STD, "POST", oai("/videos"), Json("{}"), allow("openai.videos")),
        c("zdr: organization administration", OPENAI_ZDR, "POST", oai("/organization/projects"), Json("{}"), allow("openai.organization")),
        c("zdr: list models", OPENAI_ZDR, "GET", oai("/models"), Empty, allow("openai.models")),
        c("groq zdr: batches", GROQ_ZDR, "POST", groq("/batches"), Json("{}"), deny(K::EndpointNotEligible, "groq.batches")),
        c("groq zdr: files", GROQ_ZDR, "POST", groq("/files"), Stream, deny(K::EndpointNotEligible, "groq.files")),
        c("groq zdr: fine-tunings", GROQ_ZDR, "POST", groq("/fine_tunings"), Json("{}"), deny(K::EndpointNotEligible, "groq.fine_tunings")),
        c("groq zdr: read a batch", GROQ_ZDR, "GET", groq("/batches/batch_1"), Empty, allow("groq.batches")),
        c("groq standard: batches", GROQ_STD, "POST", groq("/batches"), Json("{}"), allow("groq.batches")),
        c("fireworks zdr: read a stored response", FW_ZDR, "GET", fw("/responses/r1"), Empty, allow("fireworks.responses.stored")),
        c("fireworks zdr: delete a stored response", FW_ZDR, "DELETE", fw("/responses/r1"), Empty, allow("fireworks.responses.stored")),
        // Rule 4: unknown endpoints.
        c("zdr: unknown endpoint", OPENAI_ZDR, "POST", oai("/brand_new"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr lenient: unknown endpoint", OPENAI_ZDR_LENIENT, "POST", oai("/brand_new"), Json("{}"), Out::Allow { rule: None, host: None, body: None, changes: 0, }),
        c("zdr: undocumented endpoint", OPENAI_ZDR, "POST", oai("/responses/input_tokens"), Json("{}"), deny(K::UnknownEndpoint, "openai.responses.input_tokens")),
        c("zdr allow-listed: undocumented endpoint", OPENAI_ZDR_ALLOW, "POST", oai("/responses/input_tokens"), Json("{}"), allow("openai.responses.input_tokens")),
        c("zdr: percent-encoded path", OPENAI_ZDR, "POST", oai("/%61ssistants"), Json("{}"), deny(K::UnknownEndpoint, "openai.assistants")),
        c("zdr: percent-encoded eligible path", OPENAI_ZDR, "POST", oai("/%65mbeddings"), Json("{}"), deny(K::UnknownEndpoint, "openai.embeddings")),
        c("zdr: trailing slash on a family read", OPENAI_ZDR, "GET", oai("/assistants/"), Empty, allow("openai.assistants")),
        c("zdr: trailing slash", OPENAI_ZDR, "POST", oai("/embeddings/"), Json("{}"), deny(K::UnknownEndpoint, "openai.embeddings")),
        c("zdr: empty segment", OPENAI_ZDR, "GET", oai("//assistants"), Empty, deny(K::UnknownEndpoint, "openai.assistants")),
        c("zdr: method the catalog does not list", OPENAI_ZDR, "PUT", oai("/chat/completions"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr: outside the base path", OPENAI_ZDR, "POST", "https://api.openai.com/assistants", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr: the base path itself", OPENAI_ZDR, "GET", "https://api.openai.com/v1", Empty, Out::Deny(K::UnknownEndpoint, None)),
        c("standard strict: unknown endpoint", OPENAI_STD_STRICT, "POST", oai("/brand_new"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("standard: percent-encoded path is classified", OPENAI_STD, "POST", oai("/%61ssistants"), Json("{}"), allow("openai.assistants")),
        c("standard deny-listed endpoint", OPENAI_STD_DENY, "POST", images.clone(), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny-listed, percent-encoded", OPENAI_STD_DENY, "POST", oai("/images/%67enerations"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny-listed family, any method", OPENAI_STD_DENY, "GET", oai("/assistants/asst_1"), Empty, Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny-list leaves others", OPENAI_STD_DENY, "POST", oai("/images/edits"), Stream, allow("openai.images.edits")),
        // Rule 5: store.
        c("zdr chat: store true rewritten", OPENAI_ZDR, "POST", chat.clone(), Json("{\"model\":\"m\",\"store\":true}"), rewritten("openai.chat_completions", "{\"model\":\"m\",\"store\":false}")),
        c("zdr chat: absent store added", OPENAI_ZDR, "POST", chat.clone(), Json(" {\"model\":\"m\"}"), rewritten("openai.chat_completions", " {\"store\":false,\"model\":\"m\"}")),
        c("zdr chat: empty object", OPENAI_ZDR, "POST", chat.clone(), Json("{ }"), rewritten("openai.chat_completions", "{\"store\":false }")),
        c("zdr chat: store false unchanged", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\": false}"), allow("openai.chat_completions")),
        c("zdr chat: store \"true\" string", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":\"true\"}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("zdr chat: store null", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":null}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("zdr chat: store 1", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":1}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("zdr chat: duplicate store keys", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false,\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false,\"store\":false}")),
        c("zdr chat: escaped store key", OPENAI_ZDR, "POST", chat.clone(), Json("{\"\\u0073tore\" : true}"), rewritten("openai.chat_completions", "{\"\\u0073tore\" : false}")),
        c("zdr chat: nested store untouched", OPENAI_ZDR, "POST", chat.clone(), Json("{\"metadata\":{\"store\":true},\"store\":false}"), allow("openai.chat_completions")),
        c("zdr reject: store true denied", OPENAI_ZDR_REJECT, "POST", chat.clone(), Json("{\"store\":true}"), deny(K::StoreNotAllowed, "openai.chat_completions")),
        c("zdr reject: absent store still added", OPENAI_ZDR_REJECT, "POST", chat.clone(), Json("{}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("zdr responses: absent store added", OPENAI_ZDR, "POST", responses.clone(), Json("{\"input\":\"hi\"}"), rewritten("openai.responses", "{\"store\":false,\"input\":\"hi\"}")),
        c("mam eu chat: store true rewritten", OPENAI_MAM_EU, "POST", "https://eu.api.openai.com/v1/chat/completions", Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("mam eu responses: storage allowed", OPENAI_MAM_EU, "POST", "https://eu.api.openai.com/v1/responses", Json("{\"store\":true}"), allow("openai.responses")),
        c("standard chat: store true untouched", OPENAI_STD, "POST", chat.clone(), Json("{\"store\":true}"), allow("openai.chat_completions")),
        c("groq zdr chat: store true rewritten", GROQ_ZDR, "POST", groq("/chat/completions"), Json("{\"store\":true}"), rewritten("groq.chat_completions", "{\"store\":false}")),
        c("groq zdr chat: absent store not added", GROQ_ZDR, "POST", groq("/chat/completions"), Json("{}"), allow("groq.chat_completions")),
        c("fireworks zdr responses: absent store added", FW_ZDR, "POST", fw("/responses"), Json("{\"model\":\"accounts/fireworks/models/llama\"}"), rewritten("fireworks.responses", "{\"store\":false,\"model\":\"accounts/fireworks/models/llama\"}")),
        c("fireworks standard responses: untouched", FW_STD, "POST", fw("/responses"), Json("{}"), allow("fireworks.responses")),
        // Rule 6: stateful parameters.
        c("zdr: previous_response_id", OPENAI_ZDR, "POST", responses.clone(), Json("{\"previous_response_id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: previous_response_id null", OPENAI_ZDR, "POST", responses.clone(), Json("{\"previous_response_id\":null,\"store\":false}"), allow("openai.responses")),
        c("zdr: escaped previous_response_id", OPENAI_ZDR, "POST", responses.clone(), Json("{\"previous_\\u0072esponse_id\":\"r\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: conversation", OPENAI_ZDR, "POST", responses.clone(), Json("{\"conversation\":\"conv_1\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: background true", OPENAI_ZDR, "POST", responses.clone(), Json("{\"background\":true}"), deny(K::ParameterNotAllowed, "openai.responses.background")),
        c("zdr: background false", OPENAI_ZDR, "POST", responses.clone(), Json("{\"background\":false,\"store\":false}"), allow("openai.responses")),
        c("zdr: item_reference input", OPENAI_ZDR, "POST", responses.clone(), Json("{\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"},{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: escaped item_reference type", OPENAI_ZDR, "POST", responses.clone(), Json("{\"input\":[{\"t\\u0079pe\":\"item_\\u0072eference\",\"id\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: item_reference as content is fine", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"type\":\"message\",\"content\":\"item_reference\"}]}"), allow("openai.responses")),
        c("standard: previous_response_id", OPENAI_STD, "POST", responses.clone(), Json("{\"previous_response_id\":\"resp_1\"}"), allow("openai.responses")),
        c("groq zdr: previous_response_id", GROQ_ZDR, "POST", groq("/responses"), Json("{\"previous_response_id\":\"r\"}"), deny(K::ParameterNotAllowed, "groq.responses")),
        c("fireworks zdr: conversation", FW_ZDR, "POST", fw("/responses"), Json("{\"conversation\":\"c\"}"), deny(K::ParameterNotAllowed, "fireworks.responses")),
        // Rule 7: models.
        c("zdr images: no model means dall-e-2", OPENAI_ZDR, "POST", images.clone(), Json("{\"prompt\":\"cat\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: dall-e-3", OPENAI_ZDR, "POST", images.clone(), Json("{\"model\":\"dall-e-3\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: gpt-image-1", OPENAI_ZDR, "POST", images.clone(), Json("{\"model\":\"gpt-image-1\",\"prompt\":\"cat\"}"), allow("openai.images.generations")),
        c("zdr images: duplicate model keys", OPENAI_ZDR, "POST", images.clone(), Json("{\"model\":\"gpt-image-1\",\"model\":\"dall-e-3\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: model not a string", OPENAI_ZDR, "POST", images.clone(), Json("{\"model\":42}"), deny(K::MalformedBody, "openai.images.generations.zdr_models")),
        c("zdr image edits: streaming multipart", OPENAI_ZDR, "POST", oai("/images/edits"), Stream, deny(K::UninspectableBody, "openai.images.edits.zdr_models")),
        c("standard images: dall-e-3", OPENAI_STD, "POST", images.clone(), Json("{\"model\":\"dall-e-3\"}"), allow("openai.images.generations")),
        c("fireworks zdr: firefunction", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/firefunction-v2\"}"), deny(K::ModelNotEligible, "fireworks.proprietary_models")),
        c("fireworks zdr: f1", FW_ZDR, "POST", fw("/completions"), Json("{\"model\":\"accounts/fireworks/models/f1-preview\"}"), deny(K::ModelNotEligible, "fireworks.proprietary_models")),
        c("fireworks zdr: open model", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/llama-v3p1-8b-instruct\"}"), allow("fireworks.chat_completions")),
        c("fireworks standard: firefunction", FW_STD, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/firefunction-v2\"}"), allow("fireworks.chat_completions")),
        // Rule 8: headers.
        Case { headers: &[ ("openai-project", "proj_eu"), ("openai-organization", "org-acme"), ], ..c("zdr eu: matching headers kept", OPENAI_ZDR_EU, "POST", "https://eu.api.openai.com/v1/embeddings", Json("{}"), allow("openai.embeddings")) },
        Case { headers: &[("openai-project", "proj_other")], ..c("zdr eu: another project", OPENAI_ZDR_EU, "POST", oai("/embeddings"), Json("{}"), Out::Deny(K::ProjectMismatch, None)) },
        Case { headers: &[("openai-organization", "org-other")], ..c("zdr eu: another organization", OPENAI_ZDR_EU, "POST", oai("/embeddings"), Json("{}"), Out::Deny(K::OrganizationMismatch, None)) },
        // Rule 9: bodies.
        c("zdr chat: truncated JSON", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true,"), deny(K::MalformedBody, "openai.chat_completions")),
        c("zdr chat: an array", OPENAI_ZDR, "POST", chat.clone(), Json("[{\"store\":true}]"), deny(K::MalformedBody, "openai.chat_completions")),
        c("zdr chat: trailing garbage", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false} {\"store\":true}"), deny(K::MalformedBody, "openai.chat_completions")),
        c("zdr chat: not UTF-8", OPENAI_ZDR, "POST", chat.clone(), Raw(b"{\"store\":false,\"x\":\"\xff\"}"), deny(K::MalformedBody, "openai.chat_completions")),
        c("zdr chat: empty body", OPENAI_ZDR, "POST", chat.clone(), Empty, deny(K::MalformedBody, "openai.chat_completions")),
        c("zdr chat: streaming body", OPENAI_ZDR, "POST", chat.clone(), Stream, deny(K::UninspectableBody, "openai.chat_completions")),
        Case { headers: &[("content-encoding", "gzip")], ..c("zdr chat: compressed body", OPENAI_ZDR, "POST", chat.clone(), Raw(b"\x1f\x8b\x08"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("content-type", "text/plain")], ..c("zdr chat: not JSON", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("content-type", "application/json; charset=utf-8")], ..c("zdr chat: JSON with charset", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")) },
        c("zdr embeddings: streaming body needs no inspection", OPENAI_ZDR, "POST", oai("/embeddings"), Stream, allow("openai.embeddings")),
        c("zdr transcription: multipart stream needs no inspection", OPENAI_ZDR, "POST", oai("/audio/transcriptions"), Stream, allow("openai.audio.transcriptions")),
        c("standard chat: malformed body is not read", OPENAI_STD, "POST", chat.clone(), Json("{"), allow("openai.chat_completions")),
    ]
}

const OPENAI_MAM_EU_PROJECT: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"\nproject = \"proj_eu\"";
const OPENAI_STD_DENY_GET: &str =
    "provider = \"openai\"\nretention = \"standard\"\ndeny = [\"GET /v1/models\"]";
const GROQ_STD_STRICT: &str =
    "provider = \"groq\"\nretention = \"standard\"\non_unknown_endpoint = \"deny\"";
const FORM: &str = "multipart/form-data; boundary=XyZ";
const FORM_GPT_IMAGE: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n";

/// Issue 7: every class of request a lenient server reads differently than a strict one, in every
/// mode. Each case names the server behaviour it stands for.
#[rustfmt::skip]
fn server_readings() -> Vec<Case> {
    use In::*;
    let oai = |p: &str| format!("{OAI}{p}");
    let groq = |p: &str| format!("{GROQ}{p}");
    let fw = |p: &str| format!("{FW}{p}");
    let chat = oai("/chat/completions");
    let responses = oai("/responses");
    let edits = oai("/images/edits");
    let routed_rewrite = |rule, body| Out::Allow { rule: Some(rule), host: Some("eu.api.openai.com"), body: Some(body), changes: 2 };
    let folded = |rule, body, changes| Out::Allow { rule: Some(rule), host: None, body: Some(body), changes };
    vec![
        // 1. Hosts: a trailing dot or an ideographic full stop names the provider's host.
        c("zdr: trailing-dot host is the provider's", OPENAI_ZDR, "POST", "https://api.openai.com./v1/chat/completions", Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("mam eu: trailing-dot host is routed and rewritten", OPENAI_MAM_EU, "POST", "https://api.openai.com./v1/chat/completions", Json("{\"store\":true}"), routed_rewrite("openai.chat_completions", "{\"store\":false}")),
        c("mam eu: ideographic full stops", OPENAI_MAM_EU, "POST", "https://api\u{3002}openai\u{3002}com\u{3002}/v1/chat/completions", Json("{\"store\":true}"), routed_rewrite("openai.chat_completions", "{\"store\":false}")),
        c("mam: trailing-dot host, videos blocked", OPENAI_MAM, "POST", "https://api.openai.com./v1/videos", Json("{}"), deny(K::EndpointNotEligible, "openai.videos")),
        c("standard deny list: trailing-dot host", OPENAI_STD_DENY, "POST", "https://api.openai.com./v1/images/generations", Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("mam eu: another region's host with a trailing dot", OPENAI_MAM_EU, "POST", "https://jp.api.openai.com./v1/embeddings", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("standard: a regional host without a region, trailing dot", OPENAI_STD, "POST", "https://jp.api.openai.com./v1/embeddings", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("standard: plain http to the provider host", OPENAI_STD, "POST", "http://api.openai.com/v1/embeddings", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("mam eu: plain http to the provider host", OPENAI_MAM_EU, "POST", "http://api.openai.com./v1/chat/completions", Json("{\"store\":true}"), Out::Deny(K::HostNotAllowed, None)),
        c("groq standard: plain http", GROQ_STD, "POST", "http://api.groq.com/openai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("fireworks standard: another port", FW_STD, "POST", "https://api.fireworks.ai:8443/inference/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("standard: a region the guard does not know", OPENAI_STD, "POST", "https://br.api.openai.com/v1/embeddings", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        Case { headers: &[("host", "API.openai.com.:443")], ..c("zdr: Host header in another spelling", OPENAI_ZDR, "POST", oai("/embeddings"), Json("{}"), allow("openai.embeddings")) },
        Case { headers: &[("host", "api.openai.com"), ("host", "llm.example.com")], ..c("standard: a second Host header", OPENAI_STD, "POST", oai("/embeddings"), Json("{}"), Out::Deny(K::HostNotAllowed, None)) },
        // 2. Paths and methods: decoding, `;params`, empty segments, trailing slashes, case.
        c("zdr lenient: percent-encoded stateful path", OPENAI_ZDR_LENIENT, "POST", oai("/%61ssistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: double-encoded stateful path", OPENAI_ZDR_LENIENT, "POST", oai("/%2561ssistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: trailing slash", OPENAI_ZDR_LENIENT, "POST", oai("/assistants/"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: empty segment", OPENAI_ZDR_LENIENT, "POST", oai("//threads"), Json("{}"), deny(K::EndpointNotEligible, "openai.threads")),
        c("zdr lenient: ;params segment", OPENAI_ZDR_LENIENT, "POST", oai("/assistants;v=2"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: upper case", OPENAI_ZDR_LENIENT, "POST", oai("/Assistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: encoded separators", OPENAI_ZDR_LENIENT, "POST", oai("/files%2F..%2Fassistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr lenient: lower-case method", OPENAI_ZDR_LENIENT, "post", oai("/assistants"), Json("{}"), deny(K::EndpointNotEligible, "openai.assistants")),
        c("zdr: lower-case method still rewrites store", OPENAI_ZDR, "post", chat.clone(), Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")),
        c("zdr: stored chat completion update, lower-case method", OPENAI_ZDR, "post", oai("/chat/completions/cmpl_1"), Json("{}"), deny(K::EndpointNotEligible, "openai.chat_completions.stored")),
        c("zdr: upper-case ids are one reading's worth", OPENAI_ZDR, "GET", oai("/files/file-AbC123"), Empty, allow("openai.files")),
        c("mam eu: trailing slash keeps the store rule", OPENAI_MAM_EU, "POST", oai("/chat/completions/"), Json("{\"store\":true}"), routed_rewrite("openai.chat_completions", "{\"store\":false}")),
        c("mam eu: ;params keep the store rule", OPENAI_MAM_EU, "POST", oai("/chat/completions;a=b"), Json("{\"store\":true}"), routed_rewrite("openai.chat_completions", "{\"store\":false}")),
        c("mam jp: upper-case path keeps the region limit", OPENAI_MAM_JP, "POST", oai("/Evals"), Json("{}"), deny(K::RegionNotSupported, "openai.evals")),
        c("mam jp: encoded path keeps the region limit", OPENAI_MAM_JP, "GET", oai("/%65vals"), Empty, deny(K::RegionNotSupported, "openai.evals")),
        c("mam: encoded videos path", OPENAI_MAM, "POST", oai("/vid%65os/"), Json("{}"), deny(K::EndpointNotEligible, "openai.videos")),
        c("standard deny list: trailing slash", OPENAI_STD_DENY, "POST", oai("/images/generations/"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny list: upper case", OPENAI_STD_DENY, "POST", oai("/IMAGES/generations"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny list: lower-case method", OPENAI_STD_DENY, "post", oai("/images/generations"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny list: ;params", OPENAI_STD_DENY, "GET", oai("/assistants;x/asst_1"), Empty, Out::Deny(K::EndpointNotEligible, None)),
        c("standard: readings name different endpoints", OPENAI_STD, "POST", oai("/responses/x%2F..%2F..%2Fassistants"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("standard strict: odd path of a known endpoint", OPENAI_STD_STRICT, "POST", oai("/embeddings/"), Json("{}"), deny(K::UnknownEndpoint, "openai.embeddings")),
        c("groq standard strict: encoded path", GROQ_STD_STRICT, "POST", groq("/chat/%63ompletions"), Json("{}"), deny(K::UnknownEndpoint, "groq.chat_completions")),
        c("groq zdr: encoded batches path", GROQ_ZDR, "POST", groq("/%62atches"), Json("{}"), deny(K::UnknownEndpoint, "groq.batches")),
        c("fireworks zdr: trailing slash on responses", FW_ZDR, "POST", fw("/responses/"), Json("{}"), deny(K::UnknownEndpoint, "fireworks.responses")),
        c("zdr lenient: a family path longer than the lookup buffer", OPENAI_ZDR_LENIENT, "POST", oai("/files/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17"), Json("{}"), deny(K::EndpointNotEligible, "openai.files")),
        c("zdr lenient: a path that decodes without end", OPENAI_ZDR_LENIENT, "POST", oai("/%25252525252525252561ssistants"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("standard deny list: HEAD is routed as GET", OPENAI_STD_DENY_GET, "HEAD", oai("/models"), Empty, Out::Deny(K::EndpointNotEligible, None)),
        c("standard deny list: GET entries leave POST", OPENAI_STD_DENY_GET, "POST", oai("/embeddings"), Json("{}"), allow("openai.embeddings")),
        Case { headers: &[("x-http-method-override", "POST")], ..c("standard: method override header", OPENAI_STD, "GET", oai("/assistants"), Empty, Out::Deny(K::UnknownEndpoint, None)) },
        Case { headers: &[("x-method-override", "delete")], ..c("zdr: method override header", OPENAI_ZDR, "POST", chat.clone(), Json("{}"), Out::Deny(K::UnknownEndpoint, None)) },
        // 3. Headers that decide, repeated with different values.
        Case { headers: &[("content-type", "application/json"), ("content-type", "text/plain")], ..c("zdr: two content types", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("content-type", "application/json"), ("content-type", "application/json")], ..c("zdr: a repeated identical content type", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")) },
        Case { headers: &[("content-encoding", "identity"), ("content-encoding", "gzip")], ..c("zdr: a second content encoding", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("content-encoding", "identity, gzip")], ..c("zdr: a content-encoding list", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("transfer-encoding", "gzip, chunked")], ..c("zdr: a transfer coding", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("openai-project", "proj_eu"), ("openai-project", "proj_other")], ..c("mam eu: a second project header", OPENAI_MAM_EU_PROJECT, "POST", oai("/embeddings"), Json("{}"), Out::Deny(K::ProjectMismatch, None)) },
        // 4. Content-type parameters every reader must read alike.
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: a plain form", OPENAI_ZDR, "POST", edits.clone(), Raw(FORM_GPT_IMAGE), allow("openai.images.edits")) },
        Case { headers: &[("content-type", "multipart/form-data; boundary=XyZ; boundary=Other")], ..c("zdr image edit: two boundaries", OPENAI_ZDR, "POST", edits.clone(), Raw(FORM_GPT_IMAGE), deny(K::UninspectableBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", "multipart/form-data; boundary=XyZ; boundary*=utf-8''Other")], ..c("zdr image edit: RFC 2231 boundary", OPENAI_ZDR, "POST", edits.clone(), Raw(FORM_GPT_IMAGE), deny(K::UninspectableBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", "multipart/form-data; boundary=\"X\\yZ\"")], ..c("zdr image edit: quoted-pair boundary", OPENAI_ZDR, "POST", edits.clone(), Raw(FORM_GPT_IMAGE), deny(K::UninspectableBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM), ("content-type", "multipart/form-data; boundary=Other")], ..c("zdr image edit: two content types", OPENAI_ZDR, "POST", edits.clone(), Raw(FORM_GPT_IMAGE), deny(K::UninspectableBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: model sent as a file", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"model\"; filename=\"\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: folded part header", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nX-A: b\r\n Content-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: RFC 2231 name continuation", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"; name*0=\"model\"\r\n\r\ndall-e-2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: bare LF in part headers", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nX-A: 1\nContent-Disposition: form-data; name=\"model\"\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\ndall-e-2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: boundary after a bare LF", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na cat\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ndall-e-2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: text after a quoted name", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"model\"x\r\n\r\ndall-e-2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.images.edits.zdr_models")) },
        Case { headers: &[("content-type", FORM)], ..c("zdr image edit: no model part means gpt-image-1.5", OPENAI_ZDR, "POST", edits.clone(), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\ncat\r\n--XyZ--\r\n"), allow("openai.images.edits")) },
        Case { headers: &[("content-type", "application/json; charset=utf-7")], ..c("zdr: JSON in UTF-7", OPENAI_ZDR, "POST", chat.clone(), Json("{+ACI-store+ACI-:true}"), deny(K::UninspectableBody, "openai.chat_completions")) },
        Case { headers: &[("content-type", "application/json; charset=latin1")], ..c("mam eu: JSON in Latin-1", OPENAI_MAM_EU, "POST", chat.clone(), Json("{\"store\":true}"), deny(K::UninspectableBody, "openai.residency.chat_store")) },
        Case { headers: &[("content-type", "application/json; charset=\"UTF-8\"")], ..c("zdr: quoted UTF-8 charset", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":true}"), rewritten("openai.chat_completions", "{\"store\":false}")) },
        // 5. JSON keys Go folds to a rule's field.
        c("zdr: folded store only", OPENAI_ZDR, "POST", chat.clone(), Json("{\"Store\":true}"), folded("openai.chat_completions", "{\"store\":false,\"Store\":false}", 2)),
        c("zdr: folded store after the exact one", OPENAI_ZDR, "POST", chat.clone(), Json("{\"store\":false,\"STORE\":true}"), folded("openai.chat_completions", "{\"store\":false,\"STORE\":false}", 1)),
        c("zdr: long-s store", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"\u{17f}tore\":true}"), folded("openai.responses", "{\"store\":false,\"\u{17f}tore\":false}", 1)),
        c("zdr: folded previous_response_id", OPENAI_ZDR, "POST", responses.clone(), Json("{\"Previous_Response_Id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: folded conversation", OPENAI_ZDR, "POST", responses.clone(), Json("{\"CONVERSATION\":\"conv_1\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: Kelvin-sign background", OPENAI_ZDR, "POST", responses.clone(), Json("{\"bac\u{212a}ground\":true}"), deny(K::ParameterNotAllowed, "openai.responses.background")),
        c("zdr images: folded model after an eligible one", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"model\":\"gpt-image-1\",\"Model\":\"dall-e-3\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: only a folded model means the default", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"MODEL\":\"gpt-image-1\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr reject: folded store", OPENAI_ZDR_REJECT, "POST", chat.clone(), Json("{\"store\":false,\"STORE\":true}"), deny(K::StoreNotAllowed, "openai.chat_completions")),
        c("mam eu: folded store", OPENAI_MAM_EU, "POST", "https://eu.api.openai.com/v1/chat/completions", Json("{\"store\":false,\"Store\":1}"), folded("openai.chat_completions", "{\"store\":false,\"Store\":false}", 1)),
        c("groq zdr: folded store", GROQ_ZDR, "POST", groq("/chat/completions"), Json("{\"STORE\":true}"), folded("groq.chat_completions", "{\"STORE\":false}", 1)),
        c("fireworks zdr: folded previous_response_id", FW_ZDR, "POST", fw("/responses"), Json("{\"PREVIOUS_RESPONSE_ID\":\"r\"}"), deny(K::ParameterNotAllowed, "fireworks.responses")),
        c("fireworks zdr: folded model", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/llama\",\"Model\":\"accounts/fireworks/models/firefunction-v2\"}"), deny(K::ModelNotEligible, "fireworks.proprietary_models")),
        // 6. Responses `input` items that point at stored state.
        c("zdr: an input item with an id and no type", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"id\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: an input item with a null type", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"type\":null,\"id\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: a folded type exact readers do not see", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"Type\":\"message\",\"id\":\"msg_1\",\"content\":\"hi\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: a folded item_reference", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"INPUT\":[{\"TYPE\":\"item_reference\",\"ID\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: a reasoning item without encrypted content", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}]}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr: a reasoning item with its encrypted content", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAAA\"}]}"), allow("openai.responses")),
        c("zdr: a message with an id is not a reference", OPENAI_ZDR, "POST", responses.clone(), Json("{\"store\":false,\"input\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\",\"content\":\"hi\"}]}"), allow("openai.responses")),
        c("groq zdr: an untyped item with an id", GROQ_ZDR, "POST", groq("/responses"), Json("{\"input\":[{\"id\":\"msg_1\"}]}"), deny(K::ParameterNotAllowed, "groq.responses")),
        c("fireworks zdr: a reasoning item by id", FW_ZDR, "POST", fw("/responses"), Json("{\"store\":false,\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\"}]}"), deny(K::ParameterNotAllowed, "fireworks.responses")),
        c("standard: an untyped item with an id", OPENAI_STD, "POST", responses.clone(), Json("{\"input\":[{\"id\":\"msg_1\"}]}"), allow("openai.responses")),
        // 8. Fireworks model ids with a deployment suffix.
        c("fireworks zdr: proprietary model on a deployment", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/firefunction-v2#accounts/acme/deployments/d1\"}"), deny(K::ModelNotEligible, "fireworks.proprietary_models")),
        c("fireworks zdr: open model on a deployment named like a proprietary one", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/llama-v3p1-8b-instruct#accounts/acme/deployments/f1\"}"), allow("fireworks.chat_completions")),
        // 9. Retention settings.
        c("zdr: changing the organization's retention", OPENAI_ZDR, "POST", oai("/organization/data_retention"), Json("{}"), deny(K::EndpointNotEligible, "openai.data_retention_settings")),
        c("zdr: changing a project's retention", OPENAI_ZDR, "POST", oai("/organization/projects/proj_1/data_retention"), Json("{}"), deny(K::EndpointNotEligible, "openai.data_retention_settings")),
        c("zdr: reading the retention setting", OPENAI_ZDR, "GET", oai("/organization/data_retention"), Empty, allow("openai.data_retention_settings")),
        c("mam: changing the retention setting", OPENAI_MAM, "POST", oai("/organization/data_retention"), Json("{}"), allow("openai.data_retention_settings")),
    ]
}

const OPENAI_PRR: &str =
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true";
const OPENAI_MAM_PRR: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true";
const OPENAI_MAM_PRR_EU: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true\nregion = \"eu\"";
const OPENAI_MAM_EU_ALLOW: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"\nallow = [\"/v1/conversations/**\"]";
const OPENAI_ZDR_EXCEPTIONS: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow_tools = [\"mcp\", \"type:image_generation\"]\nallow_models = [\"gpt-image-2-2026-04-21\"]";
const OPENAI_MAM_PRR_EU_ALLOW: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true\nregion = \"eu\"\nallow = [\"POST /v1/files\"]";
const OPENAI_MAM_PRR_EU_OUTSIDE: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true\nregion = \"eu\"\nallow_outside_region = [\"POST /v1/files\"]";
const OPENAI_MAM_PRR_OUTSIDE: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true\nallow_outside_region = [\"POST /v1/files\"]";
const OPENAI_MAM_EU_OUTSIDE: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"\nallow_outside_region = [\"/v1/conversations/**\"]";
// Each exception waives only the rule it names (issue 22): a retention exception (`allow`), a
// residency exception (`allow_outside_region`), both, under a residency project and per-request
// residency, for a catalogued endpoint the region does not serve and a path the catalog lacks.
const OPENAI_ZDR_JP_ALLOW: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"\nallow = [\"POST /v1/evals\", \"POST /v1/brand_new\"]";
const OPENAI_ZDR_JP_OUTSIDE: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"\nallow_outside_region = [\"POST /v1/evals\", \"POST /v1/brand_new\"]";
const OPENAI_ZDR_JP_BOTH: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"\nallow = [\"POST /v1/evals\", \"POST /v1/brand_new\"]\nallow_outside_region = [\"POST /v1/evals\", \"POST /v1/brand_new\"]";
const OPENAI_ZDR_PRR_EU_ALLOW: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nregion = \"eu\"\nallow = [\"POST /v1/files\", \"POST /v1/brand_new\"]";
const OPENAI_ZDR_PRR_EU_OUTSIDE: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nregion = \"eu\"\nallow_outside_region = [\"POST /v1/files\", \"POST /v1/brand_new\"]";
const OPENAI_ZDR_PRR_EU_BOTH: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nregion = \"eu\"\nallow = [\"POST /v1/files\", \"POST /v1/brand_new\"]\nallow_outside_region = [\"POST /v1/files\", \"POST /v1/brand_new\"]";
// Model, tool and parameter rules under endpoints an `allow` entry names.
const OPENAI_ZDR_ALLOW_BODIES: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow = [\"POST /v1/responses\", \"POST /v1/images/generations\", \"POST /v1/files\"]";
const FW_ZDR_REJECT: &str =
    "provider = \"fireworks\"\nretention = \"zero_data_retention\"\non_store = \"reject\"";
const XAI_ZDR: &str = "provider = \"xai\"\nretention = \"zero_data_retention\"";
const OPENAI_ZDR_STRIP: &str =
    "provider = \"openai\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"";
const XAI_ZDR_STRIP: &str =
    "provider = \"xai\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"";
const FW_ZDR_STRIP: &str =
    "provider = \"fireworks\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"";
const XAI_STD_US: &str = "provider = \"xai\"\nretention = \"standard\"\nregion = \"us\"";
const MISTRAL_ZDR: &str = "provider = \"mistral\"\nretention = \"zero_data_retention\"";
const MISTRAL_ZDR_EU: &str =
    "provider = \"mistral\"\nretention = \"zero_data_retention\"\nregion = \"eu\"";
const TOGETHER_ZDR: &str = "provider = \"together\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disabled\"]";
const TOGETHER_STD_CA: &str = "provider = \"together\"\nretention = \"standard\"\nregion = \"ca\"";
const ANTHROPIC_ZDR: &str = "provider = \"anthropic\"\nretention = \"zero_data_retention\"";
const ANTHROPIC_ZDR_ALLOW: &str = "provider = \"anthropic\"\nretention = \"zero_data_retention\"\nallow = [\"POST /v1/chat/completions\"]";
const GEMINI_ZDR: &str = "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\", \"gemini.zdr_approved\"]";
const GEMINI_STD: &str = "provider = \"gemini\"\nretention = \"standard\"";
const FW_STD_US: &str = "provider = \"fireworks\"\nretention = \"standard\"\nregion = \"us\"";

/// A multipart form uploading `file` with `purpose`.
fn upload(purpose: &str, file: &str) -> &'static [u8] {
    format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n{purpose}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n{file}\r\n--XyZ--\r\n"
    )
    .leak()
    .as_bytes()
}

const AZ_ZDR: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"";
const AZ_ZDR_CLASSIC: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.cognitiveservices.azure.com\"";
const AZ_ZDR_FOUNDRY: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.services.ai.azure.com/openai/v1/\"";
const AZ_MAM: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai\"";
const AZ_MAM_EU: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-eu\" = \"data_zone_eu\", \"gpt4o-se\" = \"regional\", \"gpt4o-global\" = \"global\", \"gpt4o-us\" = \"data_zone_us\" }";
const AZ_STD_US_GATEWAY: &str = "provider = \"azure_openai\"\nretention = \"standard\"\nregion = \"us\"\nbase_url = \"https://apim.contoso.net/llm/openai/v1\"\ndeployments = { \"gpt4o-us\" = \"data_zone_us\" }";
const AZ: &str = "https://contoso.openai.azure.com/openai";
// A retention exception on Azure OpenAI keeps its residency rules: batches (Global processing)
// stay `region_not_supported` with an `allow` entry, and a deployment outside the region stays
// denied on an allowed endpoint.
const AZ_ZDR_EU_ALLOW: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-eu\" = \"data_zone_eu\", \"gpt4o-global\" = \"global\" }\nallow = [\"POST /openai/v1/batches\", \"POST /openai/v1/files\"]";
const AZ_MAM_EU_ALLOW_MODEL: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-global\" = \"global\" }\nallow_models = [\"gpt4o-global\"]";
const AZ_MAM_EU_OUTSIDE_CHAT: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-global\" = \"global\" }\nallow_outside_region = [\"POST /openai/v1/chat/completions\"]";
// Entries written in one spelling of Azure's paths cover the others: a `deny` entry for the
// classic per-deployment path denies the v1 path too; an entry naming one deployment covers only
// requests whose path names it (an `allow`-kind entry never the v1 path, whose body names it).
const AZ_ZDR_DENY_CLASSIC: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeny = [\"POST /openai/deployments/{d}/embeddings\", \"POST /openai/deployments/legacy/chat/completions\"]";
const AZ_MAM_EU_OUTSIDE_ONE: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-global\" = \"global\", \"gpt4o-us\" = \"data_zone_us\" }\nallow_outside_region = [\"POST /openai/deployments/gpt4o-global/chat/completions\"]";
const AZ_ZDR_ALLOW_CLASSIC: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\nallow = [\"POST /openai/batches\"]";
const AZ_ZDR_EU_BOTH: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\nallow = [\"POST /openai/v1/batches\"]\nallow_outside_region = [\"POST /openai/v1/batches\"]";
const AZ_MAM_DENY_V1: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeny = [\"POST /openai/v1/files\", \"/openai/v1/images/**\"]";
const AZ_ZDR_ALLOW_V1: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\nallow = [\"POST /openai/v1/batches\"]";

/// Azure OpenAI (issue 10): three hosts, two path styles, per-deployment residency.
#[rustfmt::skip]
fn azure_openai() -> Vec<Case> {
    use In::*;
    vec![
        c("azure zdr v1: chat", AZ_ZDR, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o\"}"), allow("azure_openai.chat_completions")),
        c("azure zdr v1: chat store true", AZ_ZDR, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o\",\"store\":true}"), rewritten("azure_openai.chat_completions", "{\"model\":\"gpt4o\",\"store\":false}")),
        c("azure zdr classic: chat store true", AZ_ZDR, "POST", format!("{AZ}/deployments/gpt4o/chat/completions?api-version=2024-10-21"), Json("{\"store\":true}"), rewritten("azure_openai.chat_completions", "{\"store\":false}")),
        c("azure zdr classic: folded Store", AZ_ZDR, "POST", format!("{AZ}/deployments/gpt4o/chat/completions?api-version=2024-10-21"), Json("{\"Store\":true}"), rewritten("azure_openai.chat_completions", "{\"Store\":false}")),
        c("azure zdr classic: embeddings", AZ_ZDR, "POST", format!("{AZ}/deployments/emb/embeddings?api-version=2024-10-21"), Json("{\"input\":\"x\"}"), allow("azure_openai.embeddings")),
        c("azure zdr v1: responses store written false", AZ_ZDR, "POST", format!("{AZ}/v1/responses"), Json("{\"model\":\"gpt4o\"}"), rewritten("azure_openai.responses", "{\"store\":false,\"model\":\"gpt4o\"}")),
        c("azure zdr classic: responses resource level", AZ_ZDR, "POST", format!("{AZ}/responses?api-version=2025-04-01-preview"), Json("{\"model\":\"gpt4o\",\"store\":false}"), allow("azure_openai.responses")),
        c("azure zdr: previous_response_id", AZ_ZDR, "POST", format!("{AZ}/v1/responses"), Json("{\"store\":false,\"previous_response_id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "azure_openai.responses")),
        c("azure zdr: read a stored response", AZ_ZDR, "GET", format!("{AZ}/v1/responses/resp_1"), Empty, allow("azure_openai.responses.stored")),
        c("azure zdr: delete a stored response", AZ_ZDR, "DELETE", format!("{AZ}/v1/responses/resp_1"), Empty, allow("azure_openai.responses.stored")),
        c("azure zdr: update a stored completion", AZ_ZDR, "POST", format!("{AZ}/v1/chat/completions/cmpl_1"), Json("{\"metadata\":{}}"), deny(K::EndpointNotEligible, "azure_openai.stored_completions")),
        c("azure zdr v1: files", AZ_ZDR, "POST", format!("{AZ}/v1/files"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.files")),
        c("azure zdr classic: files", AZ_ZDR, "POST", format!("{AZ}/files?api-version=2024-10-21"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.files")),
        c("azure zdr classic: files under a deployment", AZ_ZDR, "POST", format!("{AZ}/deployments/gpt4o/files?api-version=2024-10-21"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.files")),
        c("azure zdr classic: assistants", AZ_ZDR, "POST", format!("{AZ}/assistants?api-version=2024-05-01-preview"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.assistants")),
        c("azure zdr classic: thread runs", AZ_ZDR, "POST", format!("{AZ}/threads/thread_1/runs?api-version=2024-05-01-preview"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.threads")),
        c("azure zdr v1: vector stores", AZ_ZDR, "POST", format!("{AZ}/v1/vector_stores"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.vector_stores")),
        c("azure zdr v1: batches", AZ_ZDR, "POST", format!("{AZ}/v1/batches"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.batches")),
        c("azure zdr v1: fine-tuning", AZ_ZDR, "POST", format!("{AZ}/v1/fine_tuning/jobs"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.fine_tuning")),
        c("azure zdr v1: preview graders", AZ_ZDR, "POST", format!("{AZ}/v1/fine_tuning/alpha/graders/run"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.fine_tuning")),
        c("azure zdr: list models", AZ_ZDR, "GET", format!("{AZ}/v1/models"), Empty, allow("azure_openai.models")),
        c("azure zdr classic: list deployments", AZ_ZDR, "GET", format!("{AZ}/deployments?api-version=2022-12-01"), Empty, allow("azure_openai.deployments.list")),
        c("azure zdr: an unknown v1 path", AZ_ZDR, "POST", format!("{AZ}/v1/skills"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("azure zdr: the Foundry project surface", AZ_ZDR, "POST", "https://contoso.openai.azure.com/api/projects/p1/openai/responses", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("azure zdr: the Foundry inference surface", AZ_ZDR, "POST", "https://contoso.openai.azure.com/models/chat/completions?api-version=2024-05-01-preview", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("azure zdr: another resource's host", AZ_ZDR, "POST", "https://fabrikam.openai.azure.com/openai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("azure zdr: the resource on another domain", AZ_ZDR, "POST", "https://contoso.services.ai.azure.com/openai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("azure mam: another resource's host passes untouched", AZ_MAM, "POST", "https://fabrikam.openai.azure.com/openai/v1/files", Json("{}"), Out::Allow { rule: None, host: None, body: None, changes: 0 }),
        c("azure mam: the resource over http", AZ_MAM, "POST", "http://contoso.openai.azure.com/openai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("azure mam: the resource on another port", AZ_MAM, "POST", "https://contoso.openai.azure.com:8443/openai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("azure zdr: the resource with a trailing dot and capitals", AZ_ZDR, "POST", "https://CONTOSO.openai.azure.com./openai/v1/files", Json("{}"), deny(K::EndpointNotEligible, "azure_openai.files")),
        c("azure zdr classic: cognitiveservices host", AZ_ZDR_CLASSIC, "POST", "https://contoso.cognitiveservices.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-05-01-preview", Json("{\"store\":true}"), rewritten("azure_openai.chat_completions", "{\"store\":false}")),
        c("azure zdr classic: cognitiveservices v1", AZ_ZDR_CLASSIC, "POST", "https://contoso.cognitiveservices.azure.com/openai/v1/assistants", Json("{}"), deny(K::EndpointNotEligible, "azure_openai.assistants")),
        c("azure zdr: foundry host", AZ_ZDR_FOUNDRY, "POST", "https://contoso.services.ai.azure.com/openai/v1/chat/completions", Json("{}"), allow("azure_openai.chat_completions")),
        c("azure zdr: foundry classic threads", AZ_ZDR_FOUNDRY, "POST", "https://contoso.services.ai.azure.com/openai/threads?api-version=2024-05-01-preview", Json("{}"), deny(K::EndpointNotEligible, "azure_openai.threads")),
        c("azure zdr: encoded slash in the deployment", AZ_ZDR, "POST", format!("{AZ}/deployments/gpt4o%2Ffiles/chat/completions"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("azure zdr: a dot segment into files", AZ_ZDR, "POST", format!("{AZ}/deployments/gpt4o/chat/../../files"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("azure zdr: an empty deployment", AZ_ZDR, "POST", format!("{AZ}/deployments//chat/completions"), Json("{}"), deny(K::UnknownEndpoint, "azure_openai.completions")),
        c("azure mam eu v1: data zone eu", AZ_MAM_EU, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-eu\"}"), allow("azure_openai.chat_completions")),
        c("azure mam eu v1: regional", AZ_MAM_EU, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-se\"}"), allow("azure_openai.chat_completions")),
        c("azure mam eu v1: global", AZ_MAM_EU, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-global\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu v1: data zone us", AZ_MAM_EU, "POST", format!("{AZ}/v1/responses"), Json("{\"model\":\"gpt4o-us\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu v1: undeclared", AZ_MAM_EU, "POST", format!("{AZ}/v1/embeddings"), Json("{\"model\":\"text-embedding-3-large\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu v1: no model", AZ_MAM_EU, "POST", format!("{AZ}/v1/embeddings"), Json("{\"input\":\"x\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu v1: a folded MODEL only", AZ_MAM_EU, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"MODEL\":\"gpt4o-eu\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu v1: a second model", AZ_MAM_EU, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-eu\",\"model\":\"gpt4o-global\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu classic: declared deployment", AZ_MAM_EU, "POST", format!("{AZ}/deployments/gpt4o-eu/chat/completions?api-version=2024-10-21"), Json("{\"messages\":[]}"), allow("azure_openai.chat_completions")),
        c("azure mam eu classic: global deployment", AZ_MAM_EU, "POST", format!("{AZ}/deployments/gpt4o-global/chat/completions?api-version=2024-10-21"), Json("{\"model\":\"gpt4o-eu\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu classic: the body's model is ignored", AZ_MAM_EU, "POST", format!("{AZ}/deployments/gpt4o-eu/chat/completions?api-version=2024-10-21"), Json("{\"model\":\"gpt-4o\"}"), allow("azure_openai.chat_completions")),
        c("azure mam eu classic: audio form", AZ_MAM_EU, "POST", format!("{AZ}/deployments/whisper/audio/transcriptions?api-version=2024-10-21"), Raw(b"{}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: batches are global processing", AZ_MAM_EU, "POST", format!("{AZ}/v1/batches"), Json("{}"), deny(K::RegionNotSupported, "azure_openai.batches")),
        c("azure zdr eu, batches allowed: still global processing", AZ_ZDR_EU_ALLOW, "POST", format!("{AZ}/v1/batches"), Json("{}"), deny(K::RegionNotSupported, "azure_openai.batches")),
        c("azure zdr eu, batches allowed, classic spelling: still global processing", AZ_ZDR_EU_ALLOW, "POST", format!("{AZ}/batches?api-version=2024-10-21"), Json("{}"), deny(K::RegionNotSupported, "azure_openai.batches")),
        c("azure zdr eu, batches allowed both ways", AZ_ZDR_EU_BOTH, "POST", format!("{AZ}/v1/batches"), Json("{}"), allow("azure_openai.batches")),
        c("azure mam eu: allow_models does not waive a deployment's residency", AZ_MAM_EU_ALLOW_MODEL, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-global\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: allow_outside_region waives it", AZ_MAM_EU_OUTSIDE_CHAT, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-global\"}"), allow("azure_openai.chat_completions")),
        c("azure mam eu: allow_outside_region, classic spelling", AZ_MAM_EU_OUTSIDE_CHAT, "POST", format!("{AZ}/deployments/gpt4o-global/chat/completions?api-version=2024-10-21"), Json("{}"), allow("azure_openai.chat_completions")),
        c("azure deny, classic spelling: the v1 path is denied too", AZ_ZDR_DENY_CLASSIC, "POST", format!("{AZ}/v1/embeddings"), Json("{\"model\":\"e\",\"input\":\"x\"}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny, classic spelling: the classic path", AZ_ZDR_DENY_CLASSIC, "POST", format!("{AZ}/deployments/e/embeddings?api-version=2024-10-21"), Json("{\"input\":\"x\"}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny naming one deployment: the v1 path is denied (broad)", AZ_ZDR_DENY_CLASSIC, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"other\"}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny naming one deployment: another deployment's classic path", AZ_ZDR_DENY_CLASSIC, "POST", format!("{AZ}/deployments/other/chat/completions?api-version=2024-10-21"), Json("{}"), allow("azure_openai.chat_completions")),
        c("azure allow, classic spelling: the v1 path", AZ_ZDR_ALLOW_CLASSIC, "POST", format!("{AZ}/v1/batches"), Json("{}"), allow("azure_openai.batches")),
        c("azure outside-region entry naming one deployment: that deployment", AZ_MAM_EU_OUTSIDE_ONE, "POST", format!("{AZ}/deployments/gpt4o-global/chat/completions?api-version=2024-10-21"), Json("{}"), allow("azure_openai.chat_completions")),
        c("azure outside-region entry naming one deployment: another", AZ_MAM_EU_OUTSIDE_ONE, "POST", format!("{AZ}/deployments/gpt4o-us/chat/completions?api-version=2024-10-21"), Json("{}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure outside-region entry naming one deployment: not the v1 path", AZ_MAM_EU_OUTSIDE_ONE, "POST", format!("{AZ}/v1/chat/completions"), Json("{\"model\":\"gpt4o-global\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: allow_outside_region covers only its endpoint", AZ_MAM_EU_OUTSIDE_CHAT, "POST", format!("{AZ}/v1/responses"), Json("{\"model\":\"gpt4o-global\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: files stay in the geography", AZ_MAM_EU, "POST", format!("{AZ}/v1/files"), Json("{}"), allow("azure_openai.files")),
        c("azure mam eu: fine-tuning processing is not stated", AZ_MAM_EU, "POST", format!("{AZ}/v1/fine_tuning/jobs"), Json("{}"), deny(K::RegionNotSupported, "azure_openai.residency.unlisted")),
        c("azure mam eu: metadata", AZ_MAM_EU, "GET", format!("{AZ}/v1/models"), Empty, allow("azure_openai.models")),
        c("azure mam: no region, any deployment", AZ_MAM, "POST", format!("{AZ}/deployments/anything/chat/completions?api-version=2024-10-21"), Json("{\"store\":true}"), allow("azure_openai.chat_completions")),
        c("azure std us gateway: classic below the mount", AZ_STD_US_GATEWAY, "POST", "https://apim.contoso.net/llm/openai/deployments/gpt4o-us/chat/completions?api-version=2024-10-21", Json("{}"), allow("azure_openai.chat_completions")),
        c("azure std us gateway: v1 undeclared", AZ_STD_US_GATEWAY, "POST", "https://apim.contoso.net/llm/openai/v1/chat/completions", Json("{\"model\":\"gpt4o-eu\"}"), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure deny v1: the v1 spelling", AZ_MAM_DENY_V1, "POST", format!("{AZ}/v1/files"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny v1: the classic spelling", AZ_MAM_DENY_V1, "POST", format!("{AZ}/files?api-version=2024-10-21"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny v1: the classic spelling under a deployment", AZ_MAM_DENY_V1, "POST", format!("{AZ}/deployments/gpt4o/files?api-version=2024-10-21"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny v1 **: classic images", AZ_MAM_DENY_V1, "POST", format!("{AZ}/deployments/dalle/images/generations?api-version=2024-10-21"), Json("{}"), Out::Deny(K::EndpointNotEligible, None)),
        c("azure deny v1: other endpoints pass", AZ_MAM_DENY_V1, "GET", format!("{AZ}/files?api-version=2024-10-21"), Empty, allow("azure_openai.files")),
        c("azure allow v1: the classic spelling is allowed too", AZ_ZDR_ALLOW_V1, "POST", format!("{AZ}/batches?api-version=2024-10-21"), Json("{}"), allow("azure_openai.batches")),
        c("azure allow v1: another endpoint stays denied", AZ_ZDR_ALLOW_V1, "POST", format!("{AZ}/files?api-version=2024-10-21"), Json("{}"), deny(K::EndpointNotEligible, "azure_openai.files")),
        c("azure std us gateway: outside the mount", AZ_STD_US_GATEWAY, "POST", "https://apim.contoso.net/openai/v1/chat/completions", Json("{\"model\":\"gpt4o-us\"}"), Out::Allow { rule: None, host: None, body: None, changes: 0 }),
    ]
}

const OR_ZDR: &str = "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]";
const OR_ZDR_REJECT: &str = "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]\non_store = \"reject\"";
const OR_ZDR_WEB: &str = "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]\nallow_tools = [\"web\"]";
const OR_STD: &str = "provider = \"openrouter\"\nretention = \"standard\"";
const OR_STD_EU: &str = "provider = \"openrouter\"\nretention = \"standard\"\nregion = \"eu\"";
const OR: &str = "https://openrouter.ai/api/v1";
const ZDR_PROVIDER: &str = "{\"zdr\":true,\"data_collection\":\"deny\"}";

/// OpenRouter (issue 10): `provider.zdr` and `provider.data_collection` forced, plugins denied.
#[rustfmt::skip]
fn openrouter() -> Vec<Case> {
    use In::*;
    const CHAT: &str = "openrouter.chat_completions";
    let _ = ZDR_PROVIDER;
    vec![
        c("openrouter zdr: provider added", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"m\"}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"model\":\"m\"}", 1)),
        c("openrouter zdr: provider added to an empty body", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{ }"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"} }", 1)),
        c("openrouter zdr: merged into provider", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"m\",\"provider\":{\"order\":[\"a\"]}}"), edited(CHAT, "{\"model\":\"m\",\"provider\":{\"zdr\":true,\"data_collection\":\"deny\",\"order\":[\"a\"]}}", 2)),
        c("openrouter zdr: merged into an empty provider", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 2)),
        c("openrouter zdr: asks for less", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":false,\"data_collection\":\"allow\"}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 2)),
        c("openrouter zdr: already there", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"data_collection\":\"deny\",\"zdr\":true}}"), allow(CHAT)),
        c("openrouter zdr: null zdr", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":null,\"data_collection\":\"deny\"}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: string zdr", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":\"true\",\"data_collection\":\"deny\"}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: null provider", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\": null}"), edited(CHAT, "{\"provider\": {\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: provider a string", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":\"openai\"}"), deny(K::MalformedBody, "openrouter.provider.zdr")),
        c("openrouter zdr: provider an array", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":[]}"), deny(K::MalformedBody, "openrouter.provider.zdr")),
        c("openrouter zdr: folded Provider only", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"Provider\":{\"zdr\":false}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"Provider\":{\"data_collection\":\"deny\",\"zdr\":true}}", 3)),
        c("openrouter zdr: folded ZDR beside the exact key", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"ZDR\":false,\"zdr\":true,\"data_collection\":\"deny\"}}"), edited(CHAT, "{\"provider\":{\"ZDR\":true,\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: escaped key", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"z\\u0064r\":false,\"data_collection\":\"deny\"}}"), edited(CHAT, "{\"provider\":{\"z\\u0064r\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: escaped provider key", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"pro\\u0076ider\":{\"zdr\":true,\"data_collection\":\"allow\"}}"), edited(CHAT, "{\"pro\\u0076ider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: duplicate provider objects", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"provider\":{\"zdr\":false}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"provider\":{\"data_collection\":\"deny\",\"zdr\":true}}", 2)),
        c("openrouter zdr: duplicate zdr keys", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":true,\"zdr\":false,\"data_collection\":\"deny\"}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: nested provider is not the top one", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"metadata\":{\"provider\":{\"zdr\":false}}}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"metadata\":{\"provider\":{\"zdr\":false}}}", 1)),
        c("openrouter zdr reject: asks for less", OR_ZDR_REJECT, "POST", format!("{OR}/chat/completions"), Json("{\"provider\":{\"zdr\":false}}"), deny(K::ParameterNotAllowed, "openrouter.provider.zdr")),
        c("openrouter zdr reject: absent is added", OR_ZDR_REJECT, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"m\"}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"model\":\"m\"}", 1)),
        c("openrouter zdr: chat store true", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"store\":true}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"store\":false}", 2)),
        c("openrouter zdr: completions", OR_ZDR, "POST", format!("{OR}/completions"), Json("{}"), edited("openrouter.completions", "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"}}", 1)),
        c("openrouter zdr: embeddings", OR_ZDR, "POST", format!("{OR}/embeddings"), Json("{\"input\":\"x\"}"), edited("openrouter.embeddings", "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"input\":\"x\"}", 1)),
        c("openrouter zdr: responses store true", OR_ZDR, "POST", format!("{OR}/responses"), Json("{\"store\":true,\"model\":\"m\"}"), edited("openrouter.responses", "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"store\":false,\"model\":\"m\"}", 2)),
        c("openrouter zdr: responses previous_response_id", OR_ZDR, "POST", format!("{OR}/responses"), Json("{\"previous_response_id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "openrouter.responses")),
        c("openrouter zdr reject: responses store true", OR_ZDR_REJECT, "POST", format!("{OR}/responses"), Json("{\"store\":true}"), deny(K::StoreNotAllowed, "openrouter.responses")),
        c("openrouter zdr: plugins", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[{\"id\":\"web\"}]}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr: a file-parser plugin", OR_ZDR_WEB, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[{\"id\":\"web\"},{\"id\":\"file-parser\"}]}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr web: the web plugin allowed", OR_ZDR_WEB, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[{\"id\":\"web\"}]}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"plugins\":[{\"id\":\"web\"}]}", 1)),
        c("openrouter zdr web: a plugin with a folded ID only", OR_ZDR_WEB, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[{\"ID\":\"web\"}]}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr web: a second id", OR_ZDR_WEB, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[{\"id\":\"web\",\"Id\":\"file-parser\"}]}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr: folded Plugins", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"PLUGINS\":[{\"id\":\"web\"}]}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr: empty plugins", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":[]}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"plugins\":[]}", 1)),
        c("openrouter zdr: plugins not an array", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"plugins\":{\"id\":\"web\"}}"), deny(K::MalformedBody, "openrouter.provider.zdr")),
        c("openrouter zdr: web_search_options", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"web_search_options\":{}}"), deny(K::ParameterNotAllowed, "openrouter.plugins")),
        c("openrouter zdr: :online model", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"openai/gpt-4o:online\"}"), deny(K::ModelNotEligible, "openrouter.plugins")),
        c("openrouter zdr: :ONLINE model", OR_ZDR, "POST", format!("{OR}/responses"), Json("{\"model\":\"openai/gpt-4o:ONLINE\",\"store\":false}"), deny(K::ModelNotEligible, "openrouter.plugins")),
        c("openrouter zdr: :online in the fallbacks", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"openai/gpt-4o\",\"models\":[\"x/y:free\",\"x/y:online\"]}"), deny(K::ModelNotEligible, "openrouter.plugins")),
        c("openrouter zdr: models not strings", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"models\":[1]}"), deny(K::MalformedBody, "openrouter.provider.zdr")),
        c("openrouter zdr web: :online allowed", OR_ZDR_WEB, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"openai/gpt-4o:online\"}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"model\":\"openai/gpt-4o:online\"}", 1)),
        c("openrouter zdr: a :free variant passes", OR_ZDR, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"x/y:free\"}"), edited(CHAT, "{\"provider\":{\"zdr\":true,\"data_collection\":\"deny\"},\"model\":\"x/y:free\"}", 1)),
        c("openrouter zdr: a form body", OR_ZDR, "POST", format!("{OR}/chat/completions"), Raw(b"--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm\r\n--b--\r\n"), deny(K::MalformedBody, "openrouter.provider.zdr")),
        c("openrouter zdr: a stream", OR_ZDR, "POST", format!("{OR}/chat/completions"), Stream, deny(K::UninspectableBody, "openrouter.provider.zdr")),
        c("openrouter zdr: generation lookups are unknown", OR_ZDR, "GET", format!("{OR}/generation?id=gen_1"), Empty, Out::Deny(K::UnknownEndpoint, None)),
        c("openrouter zdr: list zdr endpoints", OR_ZDR, "GET", format!("{OR}/endpoints/zdr"), Empty, allow("openrouter.endpoints")),
        c("openrouter zdr: models with zdr", OR_ZDR, "GET", format!("{OR}/models?zdr=true"), Empty, allow("openrouter.models")),
        c("openrouter zdr: keys", OR_ZDR, "POST", format!("{OR}/keys"), Json("{}"), allow("openrouter.account")),
        c("openrouter zdr: an unknown region host", OR_ZDR, "POST", "https://ap.openrouter.ai/api/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        c("openrouter zdr: eu host without a region", OR_ZDR, "POST", "https://eu.openrouter.ai/api/v1/chat/completions", Json("{}"), Out::Deny(K::RegionMismatch, Some("openrouter.residency.hosts"))),
        c("openrouter std: untouched", OR_STD, "POST", format!("{OR}/chat/completions"), Json("{\"model\":\"m:online\",\"plugins\":[{\"id\":\"web\"}]}"), allow(CHAT)),
        c("openrouter std eu: routed", OR_STD_EU, "POST", format!("{OR}/chat/completions"), Json("{}"), routed(CHAT, "eu.openrouter.ai", 1)),
        c("openrouter std eu: the eu host", OR_STD_EU, "POST", "https://eu.openrouter.ai/api/v1/chat/completions", Json("{}"), allow(CHAT)),
        c("openrouter std eu: the us host", OR_STD_EU, "POST", "https://us.openrouter.ai/api/v1/chat/completions", Json("{}"), Out::Deny(K::RegionMismatch, Some("openrouter.residency.hosts"))),
        c("openrouter std eu: metadata routed", OR_STD_EU, "GET", format!("{OR}/models"), Empty, routed("openrouter.models", "eu.openrouter.ai", 1)),
    ]
}

/// The catalogs of November 2026 (issue 8), in every mode they touch.
#[rustfmt::skip]
fn november_2026() -> Vec<Case> {
    use In::*;
    let oai = |p: &str| format!("{OAI}{p}");
    let eu = |p: &str| format!("https://eu.api.openai.com/v1{p}");
    let ae = |p: &str| format!("https://ae.api.openai.com/v1{p}");
    let groq = |p: &str| format!("{GROQ}{p}");
    let fw = |p: &str| format!("{FW}{p}");
    let form = |case: Case| Case { headers: &[("content-type", FORM)], ..case };
    let line = |body: &str| format!("{{\"custom_id\":\"1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{body}}}");
    let stored_line = line("{\"model\":\"gpt-4.1\",\"store\":false,\"messages\":[]}");
    vec![
        // 1. Residency per endpoint: storage regions for residency projects.
        form(c("mam jp: files are stored in every region", OPENAI_MAM_JP, "POST", oai("/files"), Raw(upload("fine-tune", "{}")), routed("openai.files", "jp.api.openai.com", 1))),
        c("mam jp: fine-tuning is stored in every region", OPENAI_MAM_JP, "POST", oai("/fine_tuning/jobs"), Json("{}"), routed("openai.fine_tuning", "jp.api.openai.com", 1)),
        c("mam jp: evals are US and EU only", OPENAI_MAM_JP, "POST", oai("/evals"), Json("{}"), deny(K::RegionNotSupported, "openai.evals")),
        c("mam jp: realtime is US and EU only", OPENAI_MAM_JP, "POST", oai("/realtime/client_secrets"), Json("{}"), deny(K::RegionNotSupported, "openai.realtime")),
        c("mam jp: live sessions are US and EU only", OPENAI_MAM_JP, "POST", oai("/live/sessions"), Json("{}"), deny(K::RegionNotSupported, "openai.live_sessions")),
        c("mam eu: conversations make no in-region promise", OPENAI_MAM_EU, "POST", oai("/conversations"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("mam eu: legacy completions make no in-region promise", OPENAI_MAM_EU, "POST", oai("/completions"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("mam eu: agents make no in-region promise", OPENAI_MAM_EU, "GET", oai("/agents"), Empty, deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("mam eu allow-listed: conversations keep the residency rule", OPENAI_MAM_EU_ALLOW, "POST", oai("/conversations"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("mam eu, conversations allowed outside the region", OPENAI_MAM_EU_OUTSIDE, "POST", oai("/conversations"), Json("{}"), routed("openai.conversations", "eu.api.openai.com", 1)),
        c("mam eu: deleting a conversation", OPENAI_MAM_EU, "DELETE", oai("/conversations/conv_1"), Empty, routed("openai.conversations", "eu.api.openai.com", 1)),
        c("mam eu: model metadata", OPENAI_MAM_EU, "GET", oai("/models"), Empty, routed("openai.models", "eu.api.openai.com", 1)),
        c("mam eu: decisions", OPENAI_MAM_EU, "POST", oai("/decisions"), Json("{}"), routed("openai.decisions", "eu.api.openai.com", 1)),
        c("standard us: conversations", OPENAI_STD_US, "POST", oai("/conversations"), Json("{}"), routed("openai.conversations", "us.api.openai.com", 1)),
        // 2. Per-request residency.
        c("per-request: eu host, chat", OPENAI_PRR, "POST", eu("/chat/completions"), Json("{\"model\":\"gpt-4.1\"}"), Out::Allow { rule: Some("openai.chat_completions"), host: None, body: Some("{\"store\":false,\"model\":\"gpt-4.1\"}"), changes: 1 }),
        c("per-request: us host, responses", OPENAI_PRR, "POST", "https://us.api.openai.com/v1/responses", Json("{\"store\":false}"), allow("openai.responses")),
        c("per-request: global host unchanged", OPENAI_PRR, "POST", oai("/embeddings"), Json("{}"), allow("openai.embeddings")),
        c("per-request: a storage-only region's host", OPENAI_PRR, "POST", "https://jp.api.openai.com/v1/chat/completions", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("per-request: files are processed nowhere in-region", OPENAI_MAM_PRR, "POST", eu("/files"), Json("{}"), deny(K::RegionNotSupported, "openai.files")),
        c("per-request: an unlisted endpoint on a regional host", OPENAI_MAM_PRR, "POST", eu("/completions"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("per-request: an unknown path on a regional host", OPENAI_MAM_PRR, "POST", eu("/brand_new"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("per-request: files allowed outside the region stay as addressed", OPENAI_MAM_PRR_OUTSIDE, "POST", eu("/files"), Json("{\"purpose\":\"fine-tune\"}"), allow("openai.files")),
        c("per-request: uae processes this chat model", OPENAI_PRR, "POST", ae("/chat/completions"), Json("{\"model\":\"gpt-5.6-luna\",\"store\":false}"), allow("openai.chat_completions")),
        c("per-request: uae does not process this chat model", OPENAI_PRR, "POST", ae("/chat/completions"), Json("{\"model\":\"gpt-4.1\",\"store\":false}"), deny(K::RegionNotSupported, "openai.residency.uae_chat_models")),
        c("per-request: uae, a folded model is the default", OPENAI_PRR, "POST", ae("/chat/completions"), Json("{\"Model\":\"gpt-5.6-luna\",\"store\":false}"), deny(K::RegionNotSupported, "openai.residency.uae_chat_models")),
        c("per-request: uae, pro model on responses", OPENAI_PRR, "POST", ae("/responses"), Json("{\"model\":\"gpt-5.5-pro-2026-04-23\",\"store\":false}"), allow("openai.responses")),
        c("per-request: uae, pro model not on chat", OPENAI_PRR, "POST", ae("/chat/completions"), Json("{\"model\":\"gpt-5.5-pro-2026-04-23\",\"store\":false}"), deny(K::RegionNotSupported, "openai.residency.uae_chat_models")),
        c("per-request: uae embeddings", OPENAI_PRR, "POST", ae("/embeddings"), Json("{\"model\":\"text-embedding-3-large\"}"), allow("openai.embeddings")),
        c("per-request: uae does not process speech", OPENAI_PRR, "POST", ae("/audio/speech"), Json("{}"), deny(K::RegionNotSupported, "openai.audio.speech")),
        c("per-request with region: global host routed", OPENAI_MAM_PRR_EU, "POST", oai("/embeddings"), Json("{}"), routed("openai.embeddings", "eu.api.openai.com", 1)),
        c("per-request with region: another region's host", OPENAI_MAM_PRR_EU, "POST", "https://us.api.openai.com/v1/embeddings", Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        c("per-request with region: processing needed", OPENAI_MAM_PRR_EU, "POST", oai("/vector_stores"), Json("{}"), deny(K::RegionNotSupported, "openai.vector_stores")),
        c("per-request with region: an unknown path routed there", OPENAI_MAM_PRR_EU, "POST", oai("/brand_new"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("without per-request residency: eu host", OPENAI_MAM, "POST", eu("/embeddings"), Json("{}"), deny(K::RegionMismatch, "openai.residency.hosts")),
        // 3. Live sessions, realtime bodies.
        c("zdr: live session store rewritten", OPENAI_ZDR, "POST", oai("/live/sessions"), Json("{\"session\":{\"store\":true}}"), rewritten("openai.live_sessions", "{\"session\":{\"store\":false}}")),
        c("zdr: live session folded store rewritten", OPENAI_ZDR, "POST", oai("/live/sessions"), Json("{\"Session\":{\"sToRe\":true}}"), rewritten("openai.live_sessions", "{\"Session\":{\"sToRe\":false}}")),
        c("zdr: live session top-level store rewritten", OPENAI_ZDR, "POST", oai("/live/sessions/live_1/accept"), Json("{\"store\":true,\"session\":{}}"), rewritten("openai.live_sessions.accept", "{\"store\":false,\"session\":{}}")),
        c("zdr reject: live session store", OPENAI_ZDR_REJECT, "POST", oai("/live/sessions"), Json("{\"session\":{\"store\":true}}"), deny(K::StoreNotAllowed, "openai.live_sessions")),
        c("zdr: live session without store", OPENAI_ZDR, "POST", oai("/live/sessions"), Json("{\"session\":{\"model\":\"gpt-live-1\"}}"), allow("openai.live_sessions")),
        c("mam: live session store kept", OPENAI_MAM, "POST", oai("/live/sessions"), Json("{\"session\":{\"store\":true}}"), allow("openai.live_sessions")),
        c("zdr: forking a live session", OPENAI_ZDR, "POST", oai("/live/sessions/live_1/fork"), Json("{}"), deny(K::EndpointNotEligible, "openai.live_sessions.fork")),
        c("zdr: downloading a live session", OPENAI_ZDR, "GET", oai("/live/sessions/live_1/content"), Empty, deny(K::EndpointNotEligible, "openai.live_sessions.content")),
        c("mam: downloading a live session", OPENAI_MAM, "GET", oai("/live/sessions/live_1/content"), Empty, allow("openai.live_sessions.content")),
        c("zdr: hanging up", OPENAI_ZDR, "POST", oai("/live/sessions/live_1/hangup"), Empty, allow("openai.live_sessions.call_control")),
        c("zdr: mcp in a live session", OPENAI_ZDR, "POST", oai("/live/sessions"), Json("{\"session\":{\"tools\":[{\"type\":\"mcp\",\"server_url\":\"https://x\"}]}}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: mcp in a realtime client secret", OPENAI_ZDR, "POST", oai("/realtime/client_secrets"), Json("{\"session\":{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\"},{\"type\":\"mcp\"}]}}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: function tools in a realtime session", OPENAI_ZDR, "POST", oai("/realtime/sessions"), Json("{\"tools\":[{\"type\":\"function\",\"name\":\"f\"}]}"), allow("openai.realtime")),
        c("zdr eu: live session tracing", OPENAI_ZDR_EU, "POST", oai("/live/sessions"), Json("{\"session\":{\"tracing\":\"auto\"}}"), deny(K::ParameterNotAllowed, "openai.residency.tracing")),
        c("mam eu: realtime tracing", OPENAI_MAM_EU, "POST", oai("/realtime/sessions"), Json("{\"TRACING\":{\"workflow_name\":\"w\"}}"), deny(K::ParameterNotAllowed, "openai.residency.tracing")),
        c("mam eu: realtime tracing null", OPENAI_MAM_EU, "POST", oai("/realtime/sessions"), Json("{\"tracing\":null}"), routed("openai.realtime", "eu.api.openai.com", 1)),
        c("per-request: tracing on the eu host", OPENAI_MAM_PRR, "POST", eu("/realtime/client_secrets"), Json("{\"session\":{\"tracing\":\"auto\"}}"), deny(K::ParameterNotAllowed, "openai.residency.tracing")),
        c("standard: tracing", OPENAI_STD, "POST", oai("/realtime/client_secrets"), Json("{\"session\":{\"tracing\":\"auto\"}}"), allow("openai.realtime")),
        c("standard: a live session stores", OPENAI_STD, "POST", oai("/live/sessions"), Json("{\"session\":{\"store\":true,\"tracing\":\"auto\"}}"), allow("openai.live_sessions")),
        c("standard: forking a live session", OPENAI_STD, "POST", oai("/live/sessions/live_1/fork"), Json("{}"), allow("openai.live_sessions.fork")),
        c("standard: agents and vaults", OPENAI_STD, "POST", oai("/vaults"), Json("{}"), allow("openai.vaults")),
        c("standard: hosted tools", OPENAI_STD, "POST", oai("/responses"), Json("{\"tools\":[{\"type\":\"file_search\"},{\"type\":\"browser\"}]}"), allow("openai.responses")),
        c("standard: any image model", OPENAI_STD, "POST", oai("/images/variations"), Json("{}"), allow("openai.images.variations")),
        // 4. Hosted tools in /responses.
        c("zdr: code interpreter", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"code_interpreter\",\"container\":{\"type\":\"auto\"}}]}"), deny(K::ParameterNotAllowed, "openai.tools.containers")),
        c("zdr: file search", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_1\"]}]}"), deny(K::ParameterNotAllowed, "openai.tools.file_search")),
        c("zdr: mcp", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: mcp under a folded key", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"Tools\":[{\"TYPE\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: mcp under an escaped key", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"typ\\u0065\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: a duplicate type key", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"function\",\"type\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: hosted shell", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"shell\",\"environment\":{\"type\":\"container_auto\"}}]}"), deny(K::ParameterNotAllowed, "openai.tools.shell")),
        c("zdr: shell without environment", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"shell\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.shell")),
        c("zdr: shell with a folded hosted environment", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"shell\",\"environment\":{\"type\":\"local\",\"Type\":\"container_auto\"}}]}"), deny(K::ParameterNotAllowed, "openai.tools.shell")),
        c("zdr: a type only under a folded key", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"TYPE\":\"function\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.unknown")),
        c("zdr: a local environment only under a folded key", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"shell\",\"Environment\":{\"type\":\"local\"}}]}"), deny(K::ParameterNotAllowed, "openai.tools.shell")),
        c("zdr: local shell", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"shell\",\"environment\":{\"type\":\"local\"}}]}"), allow("openai.responses")),
        c("zdr: web search and functions", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"web_search\"},{\"type\":\"function\",\"name\":\"f\"}],\"tool_choice\":\"auto\"}"), allow("openai.responses")),
        c("zdr: an unknown tool type", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"browser\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.unknown")),
        c("zdr: a tool without a type", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"name\":\"f\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.unknown")),
        c("zdr: a tool that is not an object", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[\"mcp\"]}"), deny(K::ParameterNotAllowed, "openai.tools.unknown")),
        c("zdr: tools that are not an array", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":{\"type\":\"mcp\"}}"), deny(K::MalformedBody, "openai.responses")),
        c("zdr: image generation tool, default model", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"image_generation\"}]}"), allow("openai.responses")),
        c("zdr: image generation tool, dall-e-3", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"image_generation\",\"model\":\"dall-e-3\"}]}"), deny(K::ModelNotEligible, "openai.tools.image_generation.zdr_models")),
        c("zdr exceptions: mcp allowed by allow_tools", OPENAI_ZDR_EXCEPTIONS, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"mcp\"}]}"), allow("openai.responses")),
        c("zdr exceptions: code interpreter still denied", OPENAI_ZDR_EXCEPTIONS, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"code_interpreter\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.containers")),
        c("mam: hosted tools allowed", OPENAI_MAM, "POST", oai("/responses"), Json("{\"tools\":[{\"type\":\"mcp\"},{\"type\":\"code_interpreter\"}]}"), allow("openai.responses")),
        // 5. Image models.
        c("zdr images: gpt-image-2.5-flare", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"model\":\"gpt-image-2.5-flare\"}"), allow("openai.images.generations")),
        c("zdr images: an unlisted dated snapshot", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"model\":\"gpt-image-2-2026-04-21\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: chatgpt-image-latest", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"model\":\"chatgpt-image-latest\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr images: a gpt-image- prefix is not enough", OPENAI_ZDR, "POST", oai("/images/generations"), Json("{\"model\":\"gpt-image-9\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        c("zdr image edits: no model means gpt-image-1.5", OPENAI_ZDR, "POST", oai("/images/edits"), Json("{\"prompt\":\"cat\"}"), allow("openai.images.edits")),
        c("zdr image variations: never", OPENAI_ZDR, "POST", oai("/images/variations"), Json("{\"model\":\"gpt-image-1\"}"), deny(K::ModelNotEligible, "openai.images.variations.zdr_models")),
        c("zdr exceptions: allow_models", OPENAI_ZDR_EXCEPTIONS, "POST", oai("/images/generations"), Json("{\"model\":\"gpt-image-2-2026-04-21\"}"), allow("openai.images.generations")),
        c("mam: any image model", OPENAI_MAM, "POST", oai("/images/generations"), Json("{}"), allow("openai.images.generations")),
        // New endpoints.
        c("zdr: decisions", OPENAI_ZDR, "POST", oai("/decisions"), Json("{\"model\":\"gpt-6-luna\"}"), allow("openai.decisions")),
        c("zdr: compaction with store", OPENAI_ZDR, "POST", oai("/responses/compact"), Json("{\"store\":true}"), rewritten("openai.responses.compact", "{\"store\":false}")),
        c("zdr: compaction of a stored response", OPENAI_ZDR, "POST", oai("/responses/compact"), Json("{\"previous_response_id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "openai.responses.compact")),
        c("zdr: creating an agent", OPENAI_ZDR, "POST", oai("/agents"), Json("{}"), deny(K::EndpointNotEligible, "openai.agents")),
        c("zdr: deleting an agent session", OPENAI_ZDR, "DELETE", oai("/agents/sessions/s_1"), Empty, allow("openai.agents")),
        c("zdr: storing a credential", OPENAI_ZDR, "POST", oai("/vaults/v_1/credentials"), Json("{}"), deny(K::EndpointNotEligible, "openai.vaults")),
        c("zdr: listing vaults", OPENAI_ZDR, "GET", oai("/vaults"), Empty, allow("openai.vaults")),
        c("zdr: enabling hosted tools", OPENAI_ZDR, "POST", oai("/organization/projects/p_1/hosted_tool_permissions"), Json("{}"), deny(K::EndpointNotEligible, "openai.hosted_tool_permissions")),
        c("zdr: a safety case", OPENAI_ZDR, "GET", oai("/safety/cases/c_1"), Empty, allow("openai.safety")),
        c("zdr: a webhook endpoint", OPENAI_ZDR, "POST", oai("/webhook_endpoints"), Json("{}"), allow("openai.webhook_endpoints")),
        c("zdr eu: external storage set-up", OPENAI_ZDR_EU, "POST", oai("/organization/external_storage"), Json("{}"), Out::Allow { rule: Some("openai.organization.external_storage"), host: Some("eu.api.openai.com"), body: None, changes: 3 }),
        // 7. Batch input files.
        form(c("mam eu: a batch file of compliant lines", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", &format!("{stored_line}\n{stored_line}\r\n\n"))), routed("openai.files", "eu.api.openai.com", 1))),
        form(c("mam eu: a batch line that stores", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", &format!("{stored_line}\n{}", line("{\"store\":true}")))), deny(K::StoreNotAllowed, "openai.chat_completions"))),
        form(c("mam eu: a batch line without store", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", &line("{\"messages\":[]}"))), deny(K::StoreNotAllowed, "openai.chat_completions"))),
        form(c("mam eu: a batch line to an unlisted endpoint", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/completions\",\"body\":{}}")), deny(K::RegionNotSupported, "openai.residency.unlisted"))),
        form(c("mam eu: a batch line to another host", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"//evil.example/v1/chat/completions\",\"body\":{}}")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a batch line with two urls", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"URL\":\"/v1/completions\",\"body\":{}}")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a batch line that is not JSON", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "not json")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a folded purpose is not batch to exact readers", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload(" Batch", "not json")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a fine-tuning file is not read", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("fine-tune", "not json")), routed("openai.files", "eu.api.openai.com", 1))),
        form(c("mam jp: a batch file of compliant lines", OPENAI_MAM_JP, "POST", oai("/files"), Raw(upload("batch", &stored_line)), routed("openai.files", "jp.api.openai.com", 1))),
        form(c("standard deny list: a batch line the list names", OPENAI_STD_DENY, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":{}}")), Out::Deny(K::EndpointNotEligible, None))),
        form(c("standard: batch lines are not read", OPENAI_STD, "POST", oai("/files"), Raw(upload("batch", "not json")), allow("openai.files"))),
        c("mam eu: a batch upload in parts", OPENAI_MAM_EU, "POST", oai("/uploads"), Json("{\"purpose\":\"batch\",\"bytes\":1}"), deny(K::UninspectableBody, "openai.uploads")),
        c("mam eu: a folded batch upload in parts", OPENAI_MAM_EU, "POST", oai("/uploads"), Json("{\"PURPOSE\":\"batch\",\"purpose\":\"fine-tune\"}"), deny(K::UninspectableBody, "openai.uploads")),
        c("mam eu: a fine-tuning upload in parts", OPENAI_MAM_EU, "POST", oai("/uploads"), Json("{\"purpose\":\"fine-tune\"}"), routed("openai.uploads", "eu.api.openai.com", 1)),
        // Review findings: encodings, methods and spellings a batch runner may read differently.
        Case { headers: &[("content-type", FORM)], ..c("mam eu: a quoted-printable batch file", OPENAI_MAM_EU, "POST", oai("/files"), Raw(b"--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.jsonl\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"store\":false,\"=73tore\":true}}\r\n--XyZ--\r\n"), deny(K::MalformedBody, "openai.files")) },
        form(c("mam eu: a batch line that is not POST", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"GET\",\"url\":\"/v1/chat/completions\",\"body\":{\"store\":true}}")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a batch url with a fragment", OPENAI_MAM_EU, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/embeddings#/../completions\",\"body\":{}}")), deny(K::MalformedBody, "openai.files"))),
        form(c("mam eu: a batch upload in parts, as a form", OPENAI_MAM_EU, "POST", oai("/uploads"), Raw(upload("batch", "")), deny(K::UninspectableBody, "openai.uploads"))),
        form(c("per-request: batch lines are checked on the processing hosts too", OPENAI_MAM_PRR, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/completions\",\"body\":{}}")), deny(K::RegionNotSupported, "openai.residency.unlisted"))),
        c("mam eu: tracing in a fork", OPENAI_MAM_EU, "POST", oai("/live/sessions/live_1/fork"), Json("{\"session\":{\"tracing\":\"auto\"}}"), deny(K::ParameterNotAllowed, "openai.residency.tracing")),
        c("per-request with region: files are not routed to the region", OPENAI_MAM_PRR_EU, "POST", oai("/files"), Json("{}"), deny(K::RegionNotSupported, "openai.files")),
        c("per-request with region: an allow entry does not waive residency", OPENAI_MAM_PRR_EU_ALLOW, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), deny(K::RegionNotSupported, "openai.files")),
        c("per-request with region: files allowed outside the region stay on the global host", OPENAI_MAM_PRR_EU_OUTSIDE, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), allow("openai.files")),
        // Each exception waives only the rule it names: retention exception x residency rule.
        c("zdr jp: evals", OPENAI_ZDR_JP, "POST", oai("/evals"), Json("{}"), deny(K::EndpointNotEligible, "openai.evals")),
        c("zdr jp, evals allowed: still not served in jp", OPENAI_ZDR_JP_ALLOW, "POST", oai("/evals"), Json("{}"), deny(K::RegionNotSupported, "openai.evals")),
        c("zdr jp, evals allowed outside the region: still not eligible", OPENAI_ZDR_JP_OUTSIDE, "POST", oai("/evals"), Json("{}"), deny(K::EndpointNotEligible, "openai.evals")),
        c("zdr jp, evals allowed and allowed outside the region", OPENAI_ZDR_JP_BOTH, "POST", oai("/evals"), Json("{}"), routed("openai.evals", "jp.api.openai.com", 1)),
        c("zdr jp, evals allowed: on the jp host", OPENAI_ZDR_JP_ALLOW, "POST", "https://jp.api.openai.com/v1/evals", Json("{}"), deny(K::RegionNotSupported, "openai.evals")),
        c("zdr jp, evals allowed: a folded spelling", OPENAI_ZDR_JP_ALLOW, "post", oai("/EVALS"), Json("{}"), deny(K::RegionNotSupported, "openai.evals")),
        c("zdr jp: an unknown path", OPENAI_ZDR_JP, "POST", oai("/brand_new"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr jp, an unknown path allowed: no residency entry", OPENAI_ZDR_JP_ALLOW, "POST", oai("/brand_new"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("zdr jp, an unknown path allowed outside the region: still unknown", OPENAI_ZDR_JP_OUTSIDE, "POST", oai("/brand_new"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr jp, an unknown path allowed both ways", OPENAI_ZDR_JP_BOTH, "POST", oai("/brand_new"), Json("{}"), Out::Allow { rule: None, host: Some("jp.api.openai.com"), body: None, changes: 1 }),
        c("zdr jp, allowed outside the region: deleting an eval", OPENAI_ZDR_JP_OUTSIDE, "DELETE", oai("/evals/eval_1"), Empty, routed("openai.evals", "jp.api.openai.com", 1)),
        c("zdr per-request eu, files allowed: not processed in eu", OPENAI_ZDR_PRR_EU_ALLOW, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), deny(K::RegionNotSupported, "openai.files")),
        c("zdr per-request eu, files allowed outside the region: still not eligible", OPENAI_ZDR_PRR_EU_OUTSIDE, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), deny(K::EndpointNotEligible, "openai.files")),
        c("zdr per-request eu, files allowed both ways: the global host", OPENAI_ZDR_PRR_EU_BOTH, "POST", oai("/files"), Json("{\"purpose\":\"fine-tune\"}"), allow("openai.files")),
        c("zdr per-request eu, an unknown path allowed", OPENAI_ZDR_PRR_EU_ALLOW, "POST", oai("/brand_new"), Json("{}"), deny(K::RegionNotSupported, "openai.residency.unlisted")),
        c("zdr per-request eu, an unknown path allowed outside the region", OPENAI_ZDR_PRR_EU_OUTSIDE, "POST", oai("/brand_new"), Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("zdr per-request eu, an unknown path allowed both ways: the global host", OPENAI_ZDR_PRR_EU_BOTH, "POST", oai("/brand_new"), Json("{}"), Out::Allow { rule: None, host: None, body: None, changes: 0 }),
        // Model, tool and parameter rules under an endpoint an `allow` entry names.
        c("zdr, responses allowed: store is still rewritten", OPENAI_ZDR_ALLOW_BODIES, "POST", oai("/responses"), Json("{\"store\":true}"), Out::Allow { rule: Some("openai.responses"), host: None, body: Some("{\"store\":false}"), changes: 1 }),
        c("zdr, responses allowed: previous_response_id", OPENAI_ZDR_ALLOW_BODIES, "POST", oai("/responses"), Json("{\"store\":false,\"previous_response_id\":\"resp_1\"}"), deny(K::ParameterNotAllowed, "openai.responses")),
        c("zdr, responses allowed: a hosted mcp tool", OPENAI_ZDR_ALLOW_BODIES, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr, images allowed: the model rule", OPENAI_ZDR_ALLOW_BODIES, "POST", oai("/images/generations"), Json("{\"model\":\"dall-e-3\"}"), deny(K::ModelNotEligible, "openai.images.generations.zdr_models")),
        form(c("zdr, files allowed: a batch line's parameters", OPENAI_ZDR_ALLOW_BODIES, "POST", oai("/files"), Raw(upload("batch", "{\"method\":\"POST\",\"url\":\"/v1/responses\",\"body\":{\"store\":false,\"previous_response_id\":\"r\"}}")), deny(K::ParameterNotAllowed, "openai.responses"))),
        c("per-request with region: deleting a file stays on the global host", OPENAI_MAM_PRR_EU, "DELETE", oai("/files/file_1"), Empty, allow("openai.files")),
        c("zdr: mcp inside a namespace", OPENAI_ZDR, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"namespace\",\"name\":\"n\",\"tools\":[{\"type\":\"function\"},{\"type\":\"mcp\"}]}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: mcp in a compaction", OPENAI_ZDR, "POST", oai("/responses/compact"), Json("{\"tools\":[{\"type\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr: mcp in a decision", OPENAI_ZDR, "POST", oai("/decisions"), Json("{\"tools\":[{\"type\":\"mcp\"}]}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")),
        c("zdr exceptions: allow_tools does not waive the image model", OPENAI_ZDR_EXCEPTIONS, "POST", oai("/responses"), Json("{\"store\":false,\"tools\":[{\"type\":\"image_generation\",\"model\":\"dall-e-3\"}]}"), deny(K::ModelNotEligible, "openai.tools.image_generation.zdr_models")),
        Case { headers: &[("content-type", "application/sdp")], ..c("zdr: a WebRTC offer", OPENAI_ZDR, "POST", oai("/realtime/calls"), Raw(b"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"), allow("openai.realtime")) },
        Case { headers: &[("content-type", "application/sdp")], ..c("mam eu: a WebRTC offer", OPENAI_MAM_EU, "POST", oai("/realtime/calls"), Raw(b"v=0\r\n"), routed("openai.realtime", "eu.api.openai.com", 1)) },
        Case { headers: &[("content-type", "application/sdp")], ..c("zdr: JSON under an SDP content type", OPENAI_ZDR, "POST", oai("/realtime/client_secrets"), Raw(b" {\"session\":{\"tools\":[{\"type\":\"mcp\"}]}}"), deny(K::ParameterNotAllowed, "openai.tools.mcp")) },
        Case { headers: &[("content-type", "application/sdp")], ..c("zdr: SDP to chat", OPENAI_ZDR, "POST", oai("/chat/completions"), Raw(b"v=0\r\n"), deny(K::UninspectableBody, "openai.chat_completions")) },
        c("fireworks zdr: a composed firerouter id", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"firerouter:opus\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks us: a -us model on a named deployment", FW_STD_US, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/me/models/x-us#accounts/me/deployments/eu1\"}"), deny(K::ModelNotEligible, "fireworks.residency.us_models")),
        // xAI (issue 9 needs its attestation header; issue 10 adds the other providers).
        c("xai zdr: responses store written false", XAI_ZDR, "POST", "https://api.x.ai/v1/responses", Json("{\"model\":\"grok-4.6\"}"), rewritten("xai.responses", "{\"store\":false,\"model\":\"grok-4.6\"}")),
        c("xai zdr: previous_response_id", XAI_ZDR, "POST", "https://api.x.ai/v1/responses", Json("{\"store\":false,\"previous_response_id\":\"r\"}"), deny(K::ParameterNotAllowed, "xai.responses")),
        c("xai zdr: files", XAI_ZDR, "POST", "https://api.x.ai/v1/files", Json("{}"), deny(K::EndpointNotEligible, "xai.files")),
        c("xai zdr: collections", XAI_ZDR, "POST", "https://api.x.ai/v1/collections", Json("{}"), deny(K::EndpointNotEligible, "xai.collections")),
        c("xai zdr: batches", XAI_ZDR, "POST", "https://api.x.ai/v1/batches", Json("{}"), deny(K::EndpointNotEligible, "xai.batches")),
        c("xai zdr: chat", XAI_ZDR, "POST", "https://api.x.ai/v1/chat/completions", Json("{}"), allow("xai.chat_completions")),
        c("xai us: routed to the US host", XAI_STD_US, "POST", "https://api.x.ai/v1/chat/completions", Json("{}"), routed("xai.chat_completions", "us.api.x.ai", 1)),
        c("xai zdr: an older regional host", XAI_ZDR, "POST", "https://eu-west-1.api.x.ai/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
        // Mistral, Together, Anthropic (issue 10, first providers).
        c("mistral zdr: chat", MISTRAL_ZDR, "POST", "https://api.mistral.ai/v1/chat/completions", Json("{}"), allow("mistral.chat_completions")),
        c("mistral zdr: ocr", MISTRAL_ZDR, "POST", "https://api.mistral.ai/v1/ocr", Json("{}"), allow("mistral.ocr")),
        c("mistral zdr: agents", MISTRAL_ZDR, "POST", "https://api.mistral.ai/v1/agents", Json("{}"), deny(K::EndpointNotEligible, "mistral.agents")),
        c("mistral zdr: conversations", MISTRAL_ZDR, "POST", "https://api.mistral.ai/v1/conversations/c_1/restart", Json("{}"), deny(K::EndpointNotEligible, "mistral.conversations")),
        c("mistral zdr: batch jobs", MISTRAL_ZDR, "POST", "https://api.mistral.ai/v1/batch/jobs", Json("{}"), deny(K::EndpointNotEligible, "mistral.batch")),
        c("mistral zdr eu: routed to the EU host", MISTRAL_ZDR_EU, "POST", "https://api.mistral.ai/v1/embeddings", Json("{}"), routed("mistral.embeddings", "api.eu.mistral.ai", 1)),
        c("mistral zdr eu: the EU host in another spelling", MISTRAL_ZDR_EU, "POST", "https://API.EU.mistral.ai./v1/embeddings", Json("{}"), allow("mistral.embeddings")),
        c("mistral zdr eu: the US host", MISTRAL_ZDR_EU, "POST", "https://api.us.mistral.ai/v1/embeddings", Json("{}"), deny(K::RegionMismatch, "mistral.residency.hosts")),
        c("together zdr: chat", TOGETHER_ZDR, "POST", "https://api.together.ai/v1/chat/completions", Json("{}"), allow("together.chat_completions")),
        c("together zdr: the .xyz host", TOGETHER_ZDR, "POST", "https://api.together.xyz/v1/chat/completions", Json("{}"), allow("together.chat_completions")),
        c("together zdr: files", TOGETHER_ZDR, "POST", "https://api.together.ai/v1/files", Json("{}"), deny(K::EndpointNotEligible, "together.files")),
        c("together zdr: fine-tunes", TOGETHER_ZDR, "POST", "https://api.together.ai/v1/fine-tunes", Json("{}"), deny(K::EndpointNotEligible, "together.fine_tunes")),
        c("together ca: routed to the Canadian host", TOGETHER_STD_CA, "POST", "https://api.together.xyz/v1/chat/completions", Json("{}"), routed("together.chat_completions", "ca-api.together.ai", 1)),
        c("anthropic zdr: the compatibility layer", ANTHROPIC_ZDR, "POST", "https://api.anthropic.com/v1/chat/completions", Json("{}"), deny(K::EndpointNotEligible, "anthropic.chat_completions")),
        c("anthropic zdr allow-listed: the compatibility layer", ANTHROPIC_ZDR_ALLOW, "POST", "https://api.anthropic.com/v1/chat/completions", Json("{}"), allow("anthropic.chat_completions")),
        c("anthropic zdr: messages", ANTHROPIC_ZDR, "POST", "https://api.anthropic.com/v1/messages", Json("{}"), allow("anthropic.messages")),
        c("anthropic zdr: batches", ANTHROPIC_ZDR, "POST", "https://api.anthropic.com/v1/messages/batches", Json("{}"), deny(K::EndpointNotEligible, "anthropic.batches")),
        c("anthropic zdr: deleting a file", ANTHROPIC_ZDR, "DELETE", "https://api.anthropic.com/v1/files/f_1", Empty, allow("anthropic.files")),
        // `on_stored_items = "strip"`: id-only items removed, encrypted reasoning asked for.
        c("strip: an item_reference removed, include added", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"model":"gpt-5","store":false,"input":[{"type":"item_reference","id":"msg_1"},{"role":"user","content":"hi"}]}"#), edited("openai.responses", r#"{"include":["reasoning.encrypted_content"],"model":"gpt-5","store":false,"input":[{"role":"user","content":"hi"}]}"#, 2)),
        c("strip: reasoning with its encrypted_content kept byte for byte", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[ {"type":"reasoning","id":"rs_1","encrypted_content":"gAAA\u002b=="} , {"type":"reasoning","id":"rs_2","summary":[]},{"id":"msg_9"}]}"#), edited("openai.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"type":"reasoning","id":"rs_1","encrypted_content":"gAAA\u002b=="}]}"#, 2)),
        c("strip: include merged, not duplicated", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":["message.output_text.logprobs"],"input":"hi"}"#), edited("openai.responses", r#"{"store":false,"include":["message.output_text.logprobs","reasoning.encrypted_content"],"input":"hi"}"#, 1)),
        c("strip: include already there, nothing stored: unchanged", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":[ "reasoning.encrypted_content" ],"input":[{"role":"user","content":"hi"}]}"#), allow("openai.responses")),
        c("strip: include null replaced", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":null,"input":"hi"}"#), edited("openai.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"input":"hi"}"#, 1)),
        c("strip: a folded INPUT stripped too", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":["reasoning.encrypted_content"],"INPUT":[{"type":"item_reference","id":"msg_1"}],"input":[]}"#), edited("openai.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"INPUT":[],"input":[]}"#, 1)),
        c("strip: a folded Include merged, an exact one added", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"Include":[],"input":"hi"}"#), edited("openai.responses", r#"{"include":["reasoning.encrypted_content"],"store":false,"Include":["reasoning.encrypted_content"],"input":"hi"}"#, 1)),
        c("strip: an escaped item_reference type", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"type":"item_\u0072eference","id":"msg_1"},{"role":"user","content":"x"}]}"#), edited("openai.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"role":"user","content":"x"}]}"#, 1)),
        c("strip: previous_response_id still denied", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"previous_response_id":"resp_1","input":"hi"}"#), deny(K::ParameterNotAllowed, "openai.responses")),
        c("strip: conversation still denied", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"conversation":"conv_1","input":"hi"}"#), deny(K::ParameterNotAllowed, "openai.responses")),
        c("strip: an include that is not an array", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"include":"reasoning.encrypted_content","input":"hi"}"#), deny(K::MalformedBody, "openai.responses")),
        c("strip: store written as well", OPENAI_ZDR_STRIP, "POST", "https://api.openai.com/v1/responses", Json(r#"{"input":[{"type":"item_reference","id":"msg_1"}]}"#), Out::AllowedBy("openai.responses")),
        c("deny (the default): an item_reference", OPENAI_ZDR, "POST", "https://api.openai.com/v1/responses", Json(r#"{"store":false,"input":[{"type":"item_reference","id":"msg_1"}]}"#), deny(K::ParameterNotAllowed, "openai.responses")),
        c("strip: xai", XAI_ZDR_STRIP, "POST", "https://api.x.ai/v1/responses", Json(r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"type":"item_reference","id":"msg_1"},{"role":"user","content":"x"}]}"#), edited("xai.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"role":"user","content":"x"}]}"#, 1)),
        c("strip: fireworks", FW_ZDR_STRIP, "POST", fw("/responses"), Json(r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[{"id":"msg_1"}]}"#), edited("fireworks.responses", r#"{"store":false,"include":["reasoning.encrypted_content"],"input":[]}"#, 1)),
        c("gemini zdr: chat", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions", Json("{}"), allow("gemini.chat_completions")),
        c("gemini zdr: files", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/openai/files", Json("{}"), deny(K::EndpointNotEligible, "gemini.files")),
        c("gemini zdr: the native Interactions API", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/interactions", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("gemini zdr: the native cached contents", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/cachedContents", Json("{}"), deny(K::EndpointNotEligible, "gemini.cached_content")),
        c("gemini zdr: the native cached contents, lower case", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/cachedcontents", Json("{}"), deny(K::EndpointNotEligible, "gemini.cached_content")),
        c("gemini zdr: deleting a cached content", GEMINI_ZDR, "DELETE", "https://generativelanguage.googleapis.com/v1beta/cachedContents/c1", Empty, allow("gemini.cached_content")),
        c("gemini zdr: native generateContent", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"contents\":[],\"tools\":[{\"functionDeclarations\":[]},{\"computer_use\":{}}]}"), allow("gemini.native.generate_content")),
        c("gemini zdr: native streamGenerateContent", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Json("{\"contents\":[]}"), allow("gemini.native.generate_content")),
        c("gemini zdr: native method in another case", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:GENERATECONTENT", Json("{\"tools\":[{\"googleSearch\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.grounding")),
        c("gemini zdr: native method, colon encoded (routers disagree)", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash%3AgenerateContent", Json("{\"tools\":[{\"google_search\":{}}]}"), deny(K::UnknownEndpoint, "gemini.native.generate_content")),
        c("gemini zdr: native grounding, camelCase", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"googleSearch\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.grounding")),
        c("gemini zdr: native maps grounding, snake_case", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"function_declarations\":[]},{\"google_maps\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.grounding")),
        c("gemini zdr: native code execution beside a function", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"functionDeclarations\":[],\"codeExecution\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.hosted")),
        c("gemini zdr: native unknown tool key", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"GoogleSearch\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.unknown")),
        c("gemini zdr: native escaped tool key", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"google\\u0053earch\":{}}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.grounding")),
        c("gemini zdr: native tool that is not an object", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[\"googleSearch\"]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.unknown")),
        c("gemini zdr: native empty tool", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{}]}"), deny(K::ParameterNotAllowed, "gemini.native.tools.unknown")),
        c("gemini zdr: native cached content", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"cachedContent\":\"cachedContents/c1\"}"), deny(K::ParameterNotAllowed, "gemini.cached_content")),
        c("gemini zdr: native embeddings", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents", Json("{\"requests\":[]}"), allow("gemini.native.embeddings")),
        c("gemini zdr: native batch generation", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:batchGenerateContent", Json("{}"), deny(K::EndpointNotEligible, "gemini.native.batches")),
        c("gemini zdr: a native method the catalog does not list", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:predictLongRunning", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("gemini zdr: the native v1 surface", GEMINI_ZDR, "POST", "https://generativelanguage.googleapis.com/v1/models/gemini-2.5-flash:generateContent", Json("{}"), Out::Deny(K::UnknownEndpoint, None)),
        c("gemini std: native grounding allowed", GEMINI_STD, "POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", Json("{\"tools\":[{\"googleSearch\":{}}]}"), allow("gemini.native.generate_content")),
        // 8. Groq.
        c("groq zdr: embeddings", GROQ_ZDR, "POST", groq("/embeddings"), Json("{}"), allow("groq.embeddings")),
        c("groq zdr: deleting a model", GROQ_ZDR, "DELETE", groq("/models/ft_1"), Empty, allow("groq.models")),
        // 9-11. Fireworks.
        c("fireworks zdr: chat store rewritten", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/llama-v3p1-8b-instruct\",\"store\":true}"), rewritten("fireworks.chat_completions", "{\"model\":\"accounts/fireworks/models/llama-v3p1-8b-instruct\",\"store\":false}")),
        c("fireworks zdr: completions store folded", FW_ZDR, "POST", fw("/completions"), Json("{\"STORE\":true}"), rewritten("fireworks.completions", "{\"STORE\":false}")),
        c("fireworks zdr reject: chat store", FW_ZDR_REJECT, "POST", fw("/chat/completions"), Json("{\"store\":true}"), deny(K::StoreNotAllowed, "fireworks.chat_completions")),
        c("fireworks zdr: chat without store", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"messages\":[]}"), allow("fireworks.chat_completions")),
        c("fireworks zdr: background responses", FW_ZDR, "POST", fw("/responses"), Json("{\"store\":false,\"background\":true}"), deny(K::ParameterNotAllowed, "fireworks.responses.background")),
        c("fireworks zdr: messages", FW_ZDR, "POST", fw("/messages"), Json("{\"model\":\"accounts/fireworks/models/glm-5p3\"}"), allow("fireworks.messages")),
        c("fireworks zdr: rerank", FW_ZDR, "POST", fw("/rerank"), Json("{}"), allow("fireworks.rerank")),
        c("fireworks zdr: firerouter", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"firerouter/opus\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks zdr: bare firerouter", FW_ZDR, "POST", fw("/messages"), Json("{\"model\":\"firerouter\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks zdr: full firerouter id", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/routers/firerouter/astra\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks zdr: firerouter in another case", FW_ZDR, "POST", fw("/responses"), Json("{\"store\":false,\"model\":\" FireRouter/sol\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks zdr: firerouter under a folded key", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"x\",\"mOdel\":\"firerouter\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks zdr: the US-only open router", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/routers/kimi-k3-us\"}"), allow("fireworks.chat_completions")),
        c("fireworks zdr: the glm-latest router", FW_ZDR, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/routers/glm-latest\"}"), allow("fireworks.chat_completions")),
        c("fireworks standard: firerouter", FW_STD, "POST", fw("/chat/completions"), Json("{\"model\":\"firerouter/opus\"}"), allow("fireworks.chat_completions")),
        c("fireworks us: routed to the US host", FW_STD_US, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/routers/kimi-k3-us\"}"), routed("fireworks.chat_completions", "us.api.fireworks.ai", 1)),
        c("fireworks us: a model not served in the US", FW_STD_US, "POST", fw("/chat/completions"), Json("{\"model\":\"accounts/fireworks/models/glm-5p3\"}"), deny(K::ModelNotEligible, "fireworks.residency.us_models")),
        c("fireworks us: firerouter", FW_STD_US, "POST", "https://us.api.fireworks.ai/inference/v1/chat/completions", Json("{\"model\":\"firerouter/opus-us\"}"), deny(K::ModelNotEligible, "fireworks.firerouter")),
        c("fireworks us: the US host spelled with a dot", FW_STD_US, "POST", "https://US.api.fireworks.ai./inference/v1/chat/completions", Json("{\"model\":\"accounts/fireworks/routers/kimi-k3-us\"}"), allow("fireworks.chat_completions")),
        c("fireworks standard: the US host without a region", FW_STD, "POST", "https://us.api.fireworks.ai/inference/v1/chat/completions", Json("{}"), deny(K::RegionMismatch, "fireworks.residency.hosts")),
        c("fireworks zdr: an unknown regional host", FW_ZDR, "POST", "https://eu.api.fireworks.ai/inference/v1/chat/completions", Json("{}"), Out::Deny(K::HostNotAllowed, None)),
    ]
}

#[test]
fn decision_table() {
    check_table(&cases());
}

#[test]
fn every_violation_message_says_what_why_and_how() {
    check_messages(&cases());
}
