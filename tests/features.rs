//! Hosted tools and stored features as decisions (issue 17): every provider's tools, fields and
//! header tokens that keep data, run with state or reach a third party, in every retention mode
//! and region they concern, each denied with its rule (or allowed where the provider's terms
//! cover it), in the spellings a lenient server reads. A decision table, as `tests/decisions.rs`.

mod table;

use retention_guard::catalog::{Action, Catalog, ToolUse};
use retention_guard::{Profile, Provider, ViolationKind as K};
use table::*;

const A: &str = "https://api.anthropic.com/v1";
const ANTHROPIC_ZDR: &str = "provider = \"anthropic\"\nretention = \"zero_data_retention\"";
const ANTHROPIC_STD: &str = "provider = \"anthropic\"\nretention = \"standard\"";
const ANTHROPIC_ZDR_CODE: &str =
    "provider = \"anthropic\"\nretention = \"zero_data_retention\"\nallow_tools = [\"code\"]";
const ANTHROPIC_ZDR_FALLBACKS: &str = "provider = \"anthropic\"\nretention = \"zero_data_retention\"\nallow_tools = [\"type:fallbacks\"]";

const OR: &str = "https://openrouter.ai/api/v1";
const OR_ZDR: &str = "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]";
const OR_ZDR_WEB: &str = "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]\nallow_tools = [\"web\"]";
const OR_STD: &str = "provider = \"openrouter\"\nretention = \"standard\"";
const OR_STD_EU: &str = "provider = \"openrouter\"\nretention = \"standard\"\nregion = \"eu\"";

const X: &str = "https://api.x.ai/v1";
const XAI_ZDR: &str = "provider = \"xai\"\nretention = \"zero_data_retention\"";
const XAI_ZDR_BACKGROUND: &str =
    "provider = \"xai\"\nretention = \"zero_data_retention\"\nallow_tools = [\"background\"]";
const XAI_STD: &str = "provider = \"xai\"\nretention = \"standard\"";
const XAI_STD_US: &str = "provider = \"xai\"\nretention = \"standard\"\nregion = \"us\"";

const AZ: &str = "https://contoso.openai.azure.com/openai/v1";
const AZ_ZDR: &str = "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"";
const AZ_MAM: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"";
const AZ_MAM_EU: &str = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-eu\" = \"data_zone_eu\", \"gpt4o-se\" = \"regional\", \"gpt4o-us\" = \"data_zone_us\" }";

const OAI: &str = "https://api.openai.com/v1";
const OPENAI_ZDR: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"";
const OPENAI_ZDR_CACHE: &str =
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow_tools = [\"cache\"]";
const OPENAI_MAM: &str = "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"";
const OPENAI_MAM_EU: &str =
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"";
const OPENAI_MAM_JP: &str =
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"";

const G: &str = "https://generativelanguage.googleapis.com/v1beta/openai";
const GEMINI_ZDR: &str = "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\", \"gemini.zdr_approved\"]";
const GEMINI_STD: &str = "provider = \"gemini\"\nretention = \"standard\"";

const M: &str = "https://api.mistral.ai/v1";
const MISTRAL_ZDR: &str = "provider = \"mistral\"\nretention = \"zero_data_retention\"";
const MISTRAL_STD: &str = "provider = \"mistral\"\nretention = \"standard\"";
const MISTRAL_STD_EU: &str = "provider = \"mistral\"\nretention = \"standard\"\nregion = \"eu\"";

const GROQ: &str = "https://api.groq.com/openai/v1";
const GROQ_ZDR: &str = "provider = \"groq\"\nretention = \"zero_data_retention\"";
const GROQ_STD: &str = "provider = \"groq\"\nretention = \"standard\"";
const FW: &str = "https://api.fireworks.ai/inference/v1";
const FW_ZDR: &str = "provider = \"fireworks\"\nretention = \"zero_data_retention\"";
const TOGETHER: &str = "https://api.together.xyz/v1";
const TOGETHER_ZDR: &str = "provider = \"together\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disabled\"]";

fn with(case: Case, headers: &'static [(&'static str, &'static str)]) -> Case {
    Case { headers, ..case }
}

/// The case with an SDP body.
fn sdp(case: Case) -> Case {
    with(case, &[("content-type", "application/sdp")])
}

/// The case with a multipart body of boundary `B`.
fn form(case: Case) -> Case {
    with(case, &[("content-type", "multipart/form-data; boundary=B")])
}

fn param(rule: &'static str) -> Out {
    deny(K::ParameterNotAllowed, rule)
}

#[rustfmt::skip]
fn anthropic() -> Vec<Case> {
    use In::*;
    let a = |p: &str| format!("{A}{p}");
    const MESSAGES: &str = "anthropic.messages";
    vec![
        c("anthropic zdr: container (skills)", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"model":"claude-opus-4-5","container":{"skills":[{"type":"anthropic","skill_id":"pptx"}]}}"#), param("anthropic.container")),
        c("anthropic zdr: container id", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"container":"cntr_1"}"#), param("anthropic.container")),
        c("anthropic zdr: container under a folded key", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"CONTAINER":"cntr_1"}"#), param("anthropic.container")),
        c("anthropic zdr: container under an escaped key", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"\u0063ontainer":"cntr_1"}"#), param("anthropic.container")),
        c("anthropic zdr: container twice, the second set", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"container":null,"container":"cntr_1"}"#), param("anthropic.container")),
        c("anthropic zdr: container null", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"container":null}"#), allow(MESSAGES)),
        c("anthropic standard: container", ANTHROPIC_STD, "POST", a("/messages"), Json(r#"{"container":"cntr_1"}"#), allow(MESSAGES)),
        c("anthropic zdr code: container allowed", ANTHROPIC_ZDR_CODE, "POST", a("/messages"), Json(r#"{"container":"cntr_1"}"#), allow(MESSAGES)),
        c("anthropic zdr: mcp_servers", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"mcp_servers":[{"type":"url","url":"https://mcp.example","name":"x"}]}"#), param("anthropic.tools.mcp")),
        c("anthropic zdr: mcp_servers empty", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"mcp_servers":[]}"#), allow(MESSAGES)),
        c("anthropic zdr: mcp_servers on count_tokens", ANTHROPIC_ZDR, "POST", a("/messages/count_tokens"), Json(r#"{"mcp_servers":[{"type":"url"}]}"#), param("anthropic.tools.mcp")),
        c("anthropic zdr: code execution tool", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"code_execution_20250825","name":"code_execution"}]}"#), param("anthropic.tools.code_execution")),
        c("anthropic zdr: code execution under a folded type", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"TYPE":"code_execution_20250825","name":"code_execution"}]}"#), param("anthropic.tools.code_execution")),
        c("anthropic zdr code: code execution allowed", ANTHROPIC_ZDR_CODE, "POST", a("/messages"), Json(r#"{"tools":[{"type":"code_execution_20260521","name":"code_execution"}]}"#), allow(MESSAGES)),
        c("anthropic zdr: mcp toolset", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"mcp_toolset","mcp_server_name":"x"}]}"#), param("anthropic.tools.mcp")),
        c("anthropic zdr: basic web search", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_search_20250305","name":"web_search"}]}"#), allow(MESSAGES)),
        c("anthropic zdr: dynamic web search", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_search_20260209","name":"web_search"}]}"#), param("anthropic.tools.web_dynamic")),
        c("anthropic zdr: dynamic web search, direct callers", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_search_20260209","name":"web_search","allowed_callers":["direct"]}]}"#), allow(MESSAGES)),
        c("anthropic zdr: dynamic web fetch, code caller too", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_fetch_20260309","name":"web_fetch","allowed_callers":["direct","code_execution_20250825"]}]}"#), param("anthropic.tools.web_dynamic")),
        c("anthropic zdr: dynamic web fetch, callers only folded", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_fetch_20260318","name":"web_fetch","ALLOWED_CALLERS":["direct"]}]}"#), param("anthropic.tools.web_dynamic")),
        c("anthropic zdr: dynamic web fetch, callers twice", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_fetch_20260318","name":"web_fetch","allowed_callers":["direct"],"allowed_callers":[]}]}"#), param("anthropic.tools.web_dynamic")),
        c("anthropic zdr: custom tool without a type", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"name":"lookup","input_schema":{"type":"object"}}]}"#), allow(MESSAGES)),
        c("anthropic zdr: client tools", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"bash_20250124","name":"bash"},{"type":"memory_20250818","name":"memory"},{"type":"custom","name":"f"}]}"#), allow(MESSAGES)),
        c("anthropic zdr: an unknown tool version", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"web_search_20270101","name":"web_search"}]}"#), param("anthropic.tools.unknown")),
        c("anthropic zdr: a tool whose type is a number", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":1,"name":"x"}]}"#), param("anthropic.tools.unknown")),
        c("anthropic zdr: context management is eligible", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"context_management":{"edits":[{"type":"compact_20260112"}]}}"#), allow(MESSAGES)),
        c("anthropic zdr: one-hour prompt cache is eligible", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"cache_control":{"type":"ephemeral","ttl":"1h"}}"#), allow(MESSAGES)),
        c("anthropic zdr: a covered model", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"model":"claude-fable-5"}"#), deny(K::ModelNotEligible, "anthropic.models.covered")),
        c("anthropic zdr: a covered model's 5.1 release", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"model":"claude-mythos-5-1"}"#), deny(K::ModelNotEligible, "anthropic.models.covered")),
        c("anthropic standard: a covered model", ANTHROPIC_STD, "POST", a("/messages"), Json(r#"{"model":"claude-fable-5"}"#), allow(MESSAGES)),
        c("anthropic zdr: the advisor on a covered model", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"model":"claude-sonnet-4-5","tools":[{"type":"advisor_20260301","name":"advisor","model":"claude-fable-5"}]}"#), deny(K::ModelNotEligible, "anthropic.models.covered")),
        c("anthropic zdr: the advisor on another model", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"tools":[{"type":"advisor_20260301","name":"advisor","model":"claude-opus-4-5"}]}"#), allow(MESSAGES)),
        c("anthropic zdr: server-side fallbacks", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"fallbacks":"default"}"#), param("anthropic.fallbacks")),
        c("anthropic zdr type:fallbacks: fallbacks allowed", ANTHROPIC_ZDR_FALLBACKS, "POST", a("/messages"), Json(r#"{"fallbacks":[{"model":"claude-opus-4-5"}]}"#), allow(MESSAGES)),
        c("anthropic zdr: cache diagnosis", ANTHROPIC_ZDR, "POST", a("/messages"), Json(r#"{"diagnostics":{"previous_message_id":"msg_1"}}"#), param("anthropic.cache_diagnosis")),
        with(c("anthropic zdr: the MCP beta", ANTHROPIC_ZDR, "POST", a("/messages"), Json("{}"), param("anthropic.beta.stateful")), &[("anthropic-beta", "mcp-client-2025-04-04")]),
        with(c("anthropic zdr: eligible betas", ANTHROPIC_ZDR, "POST", a("/messages"), Json("{}"), allow(MESSAGES)), &[("anthropic-beta", "context-management-2025-06-27, prompt-caching-2024-07-31")]),
        with(c("anthropic zdr: an unknown beta", ANTHROPIC_ZDR, "POST", a("/messages"), Json("{}"), param("anthropic.beta.unknown")), &[("anthropic-beta", "shiny-new-thing-2027-01-01")]),
        with(c("anthropic zdr: a stateful beta in a second header", ANTHROPIC_ZDR, "POST", a("/messages"), Json("{}"), param("anthropic.beta.stateful")), &[("anthropic-beta", "context-1m-2025-08-07"), ("anthropic-beta", "files-api-2025-04-14")]),
        with(c("anthropic standard: the MCP beta", ANTHROPIC_STD, "POST", a("/messages"), Json("{}"), allow(MESSAGES)), &[("anthropic-beta", "mcp-client-2025-04-04")]),
        with(c("anthropic zdr code: the code-execution beta", ANTHROPIC_ZDR_CODE, "POST", a("/messages"), Json("{}"), allow(MESSAGES)), &[("anthropic-beta", "code-execution-2025-08-25")]),
        c("anthropic zdr: managed agents", ANTHROPIC_ZDR, "POST", a("/agents"), Json("{}"), deny(K::EndpointNotEligible, "anthropic.managed_agents")),
        c("anthropic zdr: deleting a session", ANTHROPIC_ZDR, "DELETE", a("/sessions/sess_1"), Empty, allow("anthropic.managed_agents")),
    ]
}

#[rustfmt::skip]
fn openrouter() -> Vec<Case> {
    use In::*;
    let o = |p: &str| format!("{OR}{p}");
    const CHAT: &str = "openrouter.chat_completions";
    vec![
        c("openrouter zdr: openrouter:web_search", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:web_search"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: openrouter:web_fetch", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:web_fetch"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: the web_search spelling", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"web_search"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: web_search_preview on responses", OR_ZDR, "POST", o("/responses"), Json(r#"{"tools":[{"type":"web_search_preview"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: web search under a folded type", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"function","Type":"openrouter:web_search"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: Anthropic web search on messages", OR_ZDR, "POST", o("/messages"), Json(r#"{"tools":[{"type":"web_search_20250305","name":"web_search"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: the advisor", OR_ZDR, "POST", o("/responses"), Json(r#"{"tools":[{"type":"openrouter:advisor"}]}"#), param("openrouter.tools.delegate")),
        c("openrouter zdr: an unknown server tool", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:mcp__github"}]}"#), param("openrouter.tools.unknown")),
        c("openrouter zdr: function and date-time tools", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"function","function":{"name":"f"}},{"type":"openrouter:datetime"}]}"#), Out::AllowedBy(CHAT)),
        c("openrouter zdr web: web search allowed", OR_ZDR_WEB, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:web_search"}]}"#), Out::AllowedBy(CHAT)),
        c("openrouter standard: web search", OR_STD, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:web_search"}]}"#), allow(CHAT)),
        c("openrouter standard eu: web search leaves the region", OR_STD_EU, "POST", o("/chat/completions"), Json(r#"{"tools":[{"type":"openrouter:web_search"}]}"#), param("openrouter.tools.web")),
        c("openrouter zdr: the file-parser plugin", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"plugins":[{"id":"file-parser"}]}"#), param("openrouter.plugins")),
        c("openrouter zdr: the response-healing plugin", OR_ZDR, "POST", o("/chat/completions"), Json(r#"{"plugins":[{"id":"response-healing"}]}"#), Out::AllowedBy(CHAT)),
        c("openrouter standard eu: the web plugin leaves the region", OR_STD_EU, "POST", o("/chat/completions"), Json(r#"{"plugins":[{"id":"web"}]}"#), param("openrouter.plugins")),
        c("openrouter standard eu: web_search_options", OR_STD_EU, "POST", o("/chat/completions"), Json(r#"{"web_search_options":{}}"#), param("openrouter.plugins")),
        c("openrouter standard eu: an :online model", OR_STD_EU, "POST", o("/chat/completions"), Json(r#"{"model":"openai/gpt-5:online"}"#), deny(K::ModelNotEligible, "openrouter.plugins")),
        with(c("openrouter zdr: response caching on", OR_ZDR, "POST", o("/chat/completions"), Json("{}"), param("openrouter.response_cache")), &[("x-openrouter-cache", "true")]),
        with(c("openrouter zdr: response caching off", OR_ZDR, "POST", o("/chat/completions"), Json("{}"), Out::AllowedBy(CHAT)), &[("x-openrouter-cache", "false")]),
        with(c("openrouter zdr: response caching, another value", OR_ZDR, "POST", o("/chat/completions"), Json("{}"), param("openrouter.response_cache.unknown")), &[("x-openrouter-cache", "1")]),
    ]
}

#[rustfmt::skip]
fn xai() -> Vec<Case> {
    use In::*;
    let x = |p: &str| format!("{X}{p}");
    const CHAT: &str = "xai.chat_completions";
    vec![
        c("xai zdr: deferred", XAI_ZDR, "POST", x("/chat/completions"), Json(r#"{"model":"grok-4","deferred":true}"#), param("xai.deferred")),
        c("xai zdr: deferred under a folded key", XAI_ZDR, "POST", x("/chat/completions"), Json(r#"{"DEFERRED":true}"#), param("xai.deferred")),
        c("xai zdr: deferred false", XAI_ZDR, "POST", x("/chat/completions"), Json(r#"{"deferred":false}"#), allow(CHAT)),
        c("xai standard: deferred", XAI_STD, "POST", x("/chat/completions"), Json(r#"{"deferred":true}"#), allow(CHAT)),
        c("xai zdr background: deferred allowed", XAI_ZDR_BACKGROUND, "POST", x("/chat/completions"), Json(r#"{"deferred":true}"#), allow(CHAT)),
        c("xai zdr: live search", XAI_ZDR, "POST", x("/chat/completions"), Json(r#"{"search_parameters":{"mode":"auto"}}"#), param("xai.live_search")),
        c("xai us: live search", XAI_STD_US, "POST", x("/chat/completions"), Json(r#"{"search_parameters":{"mode":"on"}}"#), param("xai.live_search")),
        c("xai zdr: a server tool on chat", XAI_ZDR, "POST", x("/chat/completions"), Json(r#"{"tools":[{"type":"web_search"}]}"#), param("xai.chat.tools.unknown")),
        c("xai zdr: responses with mcp", XAI_ZDR, "POST", x("/responses"), Json(r#"{"store":false,"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}"#), param("xai.tools.stateful")),
        c("xai zdr: responses with code_interpreter", XAI_ZDR, "POST", x("/responses"), Json(r#"{"store":false,"tools":[{"type":"code_interpreter"}]}"#), param("xai.tools.stateful")),
        c("xai zdr: responses with collections search", XAI_ZDR, "POST", x("/responses"), Json(r#"{"store":false,"tools":[{"type":"file_search","vector_store_ids":["c"]}]}"#), param("xai.tools.stateful")),
        c("xai zdr: responses with web search", XAI_ZDR, "POST", x("/responses"), Json(r#"{"store":false,"tools":[{"type":"web_search"},{"type":"x_search"}]}"#), allow("xai.responses")),
        c("xai us: responses with web search", XAI_STD_US, "POST", x("/responses"), Json(r#"{"tools":[{"type":"web_search"}]}"#), param("xai.tools.outside_region")),
        c("xai us: responses with a function tool", XAI_STD_US, "POST", x("/responses"), Json(r#"{"tools":[{"type":"function","name":"f"}]}"#), Out::AllowedBy("xai.responses")),
        c("xai zdr: fetching a deferred result", XAI_ZDR, "GET", x("/chat/deferred-completion/req_1"), Empty, allow("xai.deferred.results")),
    ]
}

#[rustfmt::skip]
fn azure_openai() -> Vec<Case> {
    use In::*;
    let az = |p: &str| format!("{AZ}{p}");
    const RESPONSES: &str = "azure_openai.responses";
    vec![
        c("azure zdr: responses with code_interpreter", AZ_ZDR, "POST", az("/responses"), Json(r#"{"store":false,"tools":[{"type":"code_interpreter","container":{"type":"auto"}}]}"#), param("azure_openai.tools.hosted")),
        c("azure zdr: responses with mcp", AZ_ZDR, "POST", az("/responses"), Json(r#"{"store":false,"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}"#), param("azure_openai.tools.hosted")),
        c("azure zdr: responses with file_search", AZ_ZDR, "POST", az("/responses"), Json(r#"{"store":false,"tools":[{"type":"file_search","vector_store_ids":["vs_1"]}]}"#), param("azure_openai.tools.hosted")),
        c("azure zdr: responses with web search (Bing)", AZ_ZDR, "POST", az("/responses"), Json(r#"{"store":false,"tools":[{"type":"web_search_preview"}]}"#), param("azure_openai.tools.web_search")),
        c("azure zdr: responses with a function tool", AZ_ZDR, "POST", az("/responses"), Json(r#"{"store":false,"tools":[{"type":"function","name":"f"}]}"#), allow(RESPONSES)),
        c("azure mam: responses with code_interpreter", AZ_MAM, "POST", az("/responses"), Json(r#"{"tools":[{"type":"code_interpreter"}]}"#), allow(RESPONSES)),
        c("azure mam eu: web search leaves the geography", AZ_MAM_EU, "POST", az("/responses"), Json(r#"{"model":"gpt4o-eu","tools":[{"type":"web_search"}]}"#), param("azure_openai.tools.web_search")),
        c("azure zdr: realtime session tools", AZ_ZDR, "POST", az("/realtime/client_secrets"), Json(r#"{"session":{"type":"realtime","tools":[{"type":"mcp"}]}}"#), param("azure_openai.tools.hosted")),
        c("azure zdr: realtime session tools under a folded key", AZ_ZDR, "POST", az("/realtime/client_secrets"), Json(r#"{"SESSION":{"tools":[{"type":"mcp"}]}}"#), param("azure_openai.tools.hosted")),
        c("azure mam eu: realtime session model declared in the region", AZ_MAM_EU, "POST", az("/realtime/client_secrets"), Json(r#"{"session":{"type":"realtime","model":"gpt4o-eu"}}"#), allow("azure_openai.realtime")),
        c("azure mam eu: realtime session model outside the region", AZ_MAM_EU, "POST", az("/realtime/client_secrets"), Json(r#"{"session":{"type":"realtime","model":"gpt4o-us"}}"#), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: realtime top-level and session models disagree", AZ_MAM_EU, "POST", az("/realtime/client_secrets"), Json(r#"{"model":"gpt4o-eu","session":{"model":"gpt4o-us"}}"#), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: two in-region deployments named", AZ_MAM_EU, "POST", az("/realtime/client_secrets"), Json(r#"{"model":"gpt4o-eu","session":{"model":"gpt4o-se"}}"#), deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: the same deployment twice", AZ_MAM_EU, "POST", az("/realtime/client_secrets"), Json(r#"{"model":"gpt4o-eu","session":{"model":"gpt4o-eu"}}"#), allow("azure_openai.realtime")),
        c("azure mam eu: realtime handshake, model in the region", AZ_MAM_EU, "GET", az("/realtime?model=gpt4o-eu"), Empty, allow("azure_openai.realtime")),
        c("azure mam eu: realtime handshake, model outside the region", AZ_MAM_EU, "GET", az("/realtime?model=gpt4o-us"), Empty, deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: realtime handshake, no model", AZ_MAM_EU, "GET", az("/realtime"), Empty, deny(K::RegionNotSupported, "azure_openai.deployments")),
        c("azure mam eu: realtime handshake, model key in another case", AZ_MAM_EU, "GET", az("/realtime?Model=gpt4o-us"), Empty, Out::Deny(K::ParameterNotAllowed, None)),
        sdp(c("azure mam eu: a WebRTC offer, model outside the region in the query", AZ_MAM_EU, "POST", az("/realtime/calls?model=gpt4o-us"), Raw(b"v=0\r\n"), deny(K::RegionNotSupported, "azure_openai.deployments"))),
        sdp(c("azure mam eu: a WebRTC offer naming no deployment", AZ_MAM_EU, "POST", az("/realtime/calls"), Raw(b"v=0\r\n"), deny(K::RegionNotSupported, "azure_openai.deployments"))),
        sdp(c("azure mam eu: a WebRTC offer, model in the region", AZ_MAM_EU, "POST", az("/realtime/calls?model=gpt4o-eu"), Raw(b"v=0\r\n"), allow("azure_openai.realtime"))),
        c("azure mam eu: an unknown tool type with a region", AZ_MAM_EU, "POST", az("/responses"), Json(r#"{"model":"gpt4o-eu","tools":[{"type":"web_search_2027_01_01"}]}"#), param("azure_openai.tools.unknown")),
        c("azure mam eu: classic realtime handshake, deployment outside the region", AZ_MAM_EU, "GET", "https://contoso.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt4o-us", Empty, deny(K::RegionNotSupported, "azure_openai.deployments")),
    ]
}

#[rustfmt::skip]
fn openai() -> Vec<Case> {
    use In::*;
    let oai = |p: &str| format!("{OAI}{p}");
    const CHAT: &str = "openai.chat_completions";
    vec![
        c("openai zdr: 24h prompt cache on chat", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: 24h prompt cache on responses", OPENAI_ZDR, "POST", oai("/responses"), Json(r#"{"store":false,"prompt_cache_retention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: 24h prompt cache on compaction", OPENAI_ZDR, "POST", oai("/responses/compact"), Json(r#"{"prompt_cache_retention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: 24h under a folded key", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"Prompt_Cache_Retention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: 24h under an escaped key", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_\u0072etention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: in_memory, then 24h", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"in_memory","prompt_cache_retention":"24h"}"#), param("openai.prompt_cache_retention")),
        c("openai zdr: in_memory", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"in_memory"}"#), allow(CHAT)),
        c("openai zdr: in-memory (older spelling)", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"in-memory"}"#), allow(CHAT)),
        c("openai zdr: in_memory escaped", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"in_\u006demory"}"#), allow(CHAT)),
        c("openai zdr cache: 24h allowed", OPENAI_ZDR_CACHE, "POST", oai("/chat/completions"), Json(r#"{"store":false,"prompt_cache_retention":"24h"}"#), allow(CHAT)),
        c("openai mam: 24h", OPENAI_MAM, "POST", oai("/chat/completions"), Json(r#"{"prompt_cache_retention":"24h"}"#), allow(CHAT)),
        c("openai mam eu: 24h (the EU processes in-region)", OPENAI_MAM_EU, "POST", oai("/chat/completions"), Json(r#"{"prompt_cache_retention":"24h"}"#), Out::AllowedBy(CHAT)),
        c("openai mam jp: 24h may leave the region", OPENAI_MAM_JP, "POST", oai("/chat/completions"), Json(r#"{"prompt_cache_retention":"24h"}"#), param("openai.residency.extended_caching")),
        c("openai zdr: a hosted tool on chat", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"tools":[{"type":"web_search"}]}"#), param("openai.chat.tools.unknown")),
        c("openai zdr: function and custom tools on chat", OPENAI_ZDR, "POST", oai("/chat/completions"), Json(r#"{"store":false,"tools":[{"type":"function","function":{"name":"f"}},{"type":"custom","custom":{"name":"g"}}]}"#), allow(CHAT)),
        c("openai zdr: programmatic tool calling", OPENAI_ZDR, "POST", oai("/responses"), Json(r#"{"store":false,"tools":[{"type":"programmatic_tool_calling"}]}"#), param("openai.tools.programmatic_tool_calling")),
        form(c("openai zdr: a realtime call's session part with mcp", OPENAI_ZDR, "POST", oai("/realtime/calls"), Raw(b"--B\r\nContent-Disposition: form-data; name=\"sdp\"\r\n\r\nv=0\r\n--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{\"type\":\"realtime\",\"tools\":[{\"type\":\"mcp\"}]}\r\n--B--\r\n"), param("openai.tools.mcp"))),
        form(c("openai mam eu: a realtime call's session part with tracing", OPENAI_MAM_EU, "POST", oai("/realtime/calls"), Raw(b"--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{\"tracing\":\"auto\"}\r\n--B--\r\n"), param("openai.residency.tracing"))),
        form(c("openai zdr: a realtime call's sdp part only", OPENAI_ZDR, "POST", oai("/realtime/calls"), Raw(b"--B\r\nContent-Disposition: form-data; name=\"sdp\"\r\n\r\nv=0\r\n--B--\r\n"), allow("openai.realtime"))),
        form(c("openai zdr: two session parts", OPENAI_ZDR, "POST", oai("/realtime/calls"), Raw(b"--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{}\r\n--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{\"tools\":[{\"type\":\"mcp\"}]}\r\n--B--\r\n"), deny(K::MalformedBody, "openai.realtime"))),
        form(c("openai zdr: a live session form, store rewritten in its session part", OPENAI_ZDR, "POST", oai("/live/sessions"), Raw(b"--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{\"store\":true}\r\n--B--\r\n"), edited("openai.live_sessions", "--B\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n{\"store\":false}\r\n--B--\r\n", 1))),
        c("openai zdr: prompt cache options", OPENAI_ZDR, "POST", oai("/responses"), Json(r#"{"store":false,"prompt_cache_options":{"ttl":"30m"}}"#), allow("openai.responses")),
    ]
}

#[rustfmt::skip]
fn others() -> Vec<Case> {
    use In::*;
    vec![
        c("gemini zdr: cached_content", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"extra_body":{"google":{"cached_content":"cachedContents/abc"}}}"#), param("gemini.cached_content")),
        c("gemini zdr: cachedContent", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"extra_body":{"google":{"cachedContent":"cachedContents/abc"}}}"#), param("gemini.cached_content")),
        c("gemini zdr: cached_content under folded keys", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"EXTRA_BODY":{"Google":{"CACHED_CONTENT":"cachedContents/abc"}}}"#), param("gemini.cached_content")),
        c("gemini zdr: the camelCase extraBody", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"extraBody":{"google":{"cachedContent":"cachedContents/abc"}}}"#), param("gemini.cached_content")),
        c("gemini zdr: google.cached_content at the top", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"google":{"cached_content":"cachedContents/abc"}}"#), param("gemini.cached_content")),
        c("gemini zdr: thinking_config only", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"extra_body":{"google":{"thinking_config":{"include_thoughts":true}}}}"#), allow("gemini.chat_completions")),
        c("gemini standard: cached_content", GEMINI_STD, "POST", format!("{G}/chat/completions"), Json(r#"{"extra_body":{"google":{"cached_content":"cachedContents/abc"}}}"#), allow("gemini.chat_completions")),
        c("gemini zdr: grounding on images", GEMINI_ZDR, "POST", format!("{G}/images/generations"), Json(r#"{"extra_body":{"google":{"tools":[{"google_search":{}}]}}}"#), param("gemini.grounding")),
        c("gemini zdr: a grounding tool on chat", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"tools":[{"google_search":{}}]}"#), param("gemini.tools.unknown")),
        c("gemini zdr: a function tool", GEMINI_ZDR, "POST", format!("{G}/chat/completions"), Json(r#"{"tools":[{"type":"function","function":{"name":"f"}}]}"#), allow("gemini.chat_completions")),
        c("mistral zdr: built-in web search", MISTRAL_ZDR, "POST", format!("{M}/chat/completions"), Json(r#"{"tools":[{"type":"web_search"}]}"#), param("mistral.tools.built_in")),
        c("mistral zdr: an MCP connector", MISTRAL_ZDR, "POST", format!("{M}/chat/completions"), Json(r#"{"tools":[{"type":"connector","connector_id":"c"}]}"#), param("mistral.tools.built_in")),
        c("mistral zdr: a function tool", MISTRAL_ZDR, "POST", format!("{M}/chat/completions"), Json(r#"{"tools":[{"type":"function","function":{"name":"f"}}]}"#), allow("mistral.chat_completions")),
        c("mistral zdr: agent completions", MISTRAL_ZDR, "POST", format!("{M}/agents/completions"), Json(r#"{"agent_id":"a"}"#), deny(K::EndpointNotEligible, "mistral.agents_completions")),
        c("mistral standard eu: agent completions are not in-region", MISTRAL_STD_EU, "POST", format!("{M}/agents/completions"), Json(r#"{"agent_id":"a","tools":[{"type":"web_search"}]}"#), deny(K::RegionNotSupported, "mistral.residency.unlisted")),
        c("mistral standard: built-in web search", MISTRAL_STD, "POST", format!("{M}/chat/completions"), Json(r#"{"tools":[{"type":"web_search"}]}"#), allow("mistral.chat_completions")),
        c("mistral standard eu: built-in web search", MISTRAL_STD_EU, "POST", format!("{M}/chat/completions"), Json(r#"{"tools":[{"type":"web_search"}]}"#), param("mistral.tools.built_in")),
        c("groq zdr: browser search", GROQ_ZDR, "POST", format!("{GROQ}/chat/completions"), Json(r#"{"tools":[{"type":"browser_search"}]}"#), param("groq.tools.built_in")),
        c("groq zdr: remote mcp on responses", GROQ_ZDR, "POST", format!("{GROQ}/responses"), Json(r#"{"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}"#), param("groq.tools.mcp")),
        c("groq zdr: a compound system", GROQ_ZDR, "POST", format!("{GROQ}/chat/completions"), Json(r#"{"model":"groq/compound-mini"}"#), deny(K::ModelNotEligible, "groq.models.compound")),
        c("groq standard: browser search", GROQ_STD, "POST", format!("{GROQ}/chat/completions"), Json(r#"{"tools":[{"type":"browser_search"}]}"#), allow("groq.chat_completions")),
        c("fireworks zdr: responses with mcp", FW_ZDR, "POST", format!("{FW}/responses"), Json(r#"{"store":false,"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}"#), param("fireworks.tools.mcp")),
        c("fireworks zdr: messages with a custom tool", FW_ZDR, "POST", format!("{FW}/messages"), Json(r#"{"model":"accounts/fireworks/models/glm-5p3","tools":[{"name":"f","input_schema":{}}]}"#), allow("fireworks.messages")),
        c("fireworks zdr: an unknown chat tool", FW_ZDR, "POST", format!("{FW}/chat/completions"), Json(r#"{"tools":[{"type":"sse"}]}"#), param("fireworks.tools.unknown")),
        c("together zdr: a code interpreter session", TOGETHER_ZDR, "POST", format!("{TOGETHER}/tci/execute"), Json(r#"{"code":"print(1)","language":"python"}"#), deny(K::EndpointNotEligible, "together.code_interpreter")),
    ]
}

fn cases() -> Vec<Case> {
    let mut all = anthropic();
    all.extend(openrouter());
    all.extend(xai());
    all.extend(azure_openai());
    all.extend(openai());
    all.extend(others());
    all
}

#[test]
fn feature_decisions() {
    check_table(&cases());
}

#[test]
fn every_feature_violation_says_what_why_and_how() {
    check_messages(&cases());
}

/// `allow_tools` is one vocabulary of features; single items are `type:<name>`.
#[test]
fn allow_tools_is_a_vocabulary() {
    let load = |provider: &str, tools: &str| {
        Profile::from_toml_str(&format!(
            "provider = \"{provider}\"\nretention = \"zero_data_retention\"\nallow_tools = [{tools}]"
        ))
    };
    for ok in [
        "\"files\"",
        "\"code\", \"mcp\"",
        "\"type:my_tool\"",
        "\"cache\"",
    ] {
        load("openai", ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    load("anthropic", "\"type:fallbacks\", \"code\"").unwrap();
    let err = |provider: &str, tools: &str| load(provider, tools).unwrap_err().to_string();
    let e = err("openai", "\"code_interpreter\"");
    assert!(
        e.contains("write `code`") && e.contains("type:code_interpreter"),
        "{e}"
    );
    let e = err("openai", "\"mpc\"");
    assert!(e.contains("did you mean `mcp`"), "{e}");
    let e = err("openai", "\"delegate\"");
    assert!(
        e.contains("no rule of the openai catalog is about `delegate`"),
        "{e}"
    );
    let e = err("openai", "\"type:\"");
    assert!(e.contains("`type:` names one"), "{e}");
    let e = err("together", "\"type:x\"");
    assert!(e.contains("no tool, plugin or header tables"), "{e}");
}

/// Every provider with a hosted tool has a table whose unknown types are denied under zero data
/// retention, and every denied row and field names the feature `allow_tools` waives it with, or
/// is waivable as `type:<name>`. Together has no tool table: its hosted code interpreter is an
/// endpoint of its own (CATALOG.md says so).
#[test]
fn every_hosted_tool_table_denies_unknown_types_under_zdr() {
    use retention_guard::catalog::Applies;
    let mut without_tables = Vec::new();
    for &provider in Provider::ALL.iter() {
        let catalog = Catalog::of(provider);
        let mut tables = 0;
        for e in catalog.endpoints() {
            let lists = e.body_rules().filter_map(|r| match r.action {
                Action::Items(t) => Some(t),
                _ => None,
            });
            for t in lists.chain(e.header_tokens.map(|h| h.tokens)) {
                tables += 1;
                assert!(
                    matches!(t.applies, Applies::ZeroDataRetention | Applies::ZdrOrRegion),
                    "{}: unknown items are not denied under ZDR",
                    e.rule.id
                );
                for row in t.table {
                    let hosted = !matches!(row.use_, ToolUse::Allowed | ToolUse::Model(_));
                    assert!(
                        !hosted || row.feature.is_some(),
                        "{}: `{}` is denied without a feature",
                        e.rule.id,
                        row.tool
                    );
                    assert!(!row.rule.source.url.is_empty(), "{}", row.tool);
                }
            }
            for f in e.body_rules() {
                let path = f.paths.first();
                assert!(!f.rule_or(&e.rule).source.read.is_empty(), "{path}");
                if let Action::Deny(d) = f.action {
                    assert!(
                        d.unless
                            .iter()
                            .all(|u| serde_json::from_str::<serde_json::Value>(u).is_ok()),
                        "{path}: `unless` values are JSON texts"
                    );
                }
            }
        }
        if tables == 0 {
            without_tables.push(provider);
        }
    }
    assert_eq!(without_tables, [Provider::Together]);
}

/// `tools` nested in `tools` far deeper than a `namespace` goes is denied, not walked (the walk
/// would exhaust the stack).
#[test]
fn deeply_nested_tools_are_denied_not_walked() {
    use http::{HeaderMap, Method};
    use retention_guard::guard::{Body, Request};
    use retention_guard::{Decision, Guard};
    let depth = 200_000;
    let body = format!(
        "{{\"store\":false,{}\"type\":\"function\"{}}}",
        "\"tools\":[{".repeat(depth),
        "}]".repeat(depth)
    );
    let guard = Guard::new(Profile::from_toml_str(OPENAI_ZDR).unwrap());
    let url = format!("{OAI}/responses").parse().unwrap();
    let headers = HeaderMap::new();
    let d = guard.evaluate(&Request::new(
        &Method::POST,
        &url,
        &headers,
        Body::Bytes(body.as_bytes()),
    ));
    let Decision::Deny(v) = d else {
        panic!("allowed")
    };
    assert_eq!(v.kind(), K::ParameterNotAllowed, "{v}");
}
