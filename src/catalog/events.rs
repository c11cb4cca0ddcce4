//! The client-event vocabulary: what a socket's protocol lets a client send after the handshake
//! (a realtime session's `session.update`, `response.create`, …), and the rules for each
//! event's fields.
//!
//! A socket endpoint (the handshake's `GET` entry) lists its [`ClientEvents`]. Each
//! [`ClientEvent`] is named by its `type` and carries an [`Endpoint`] of its own whose body rules
//! read the frame, by path from the top of the frame (`session.tools[].type`,
//! `response.prompt`): the same rules, read the same way, as an HTTP body. An event the table
//! does not list follows the profile's `on_unknown_endpoint`, as a path with no entry does. A
//! socket without a table has no event the guard knows.

use super::{BodyRule, Endpoint, EndpointClass, Methods, Rule};

/// The client events a socket's protocol documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ClientEvents {
    /// The rule for an event the table does not list, or a frame that is not an event.
    pub unknown: Rule,
    /// The events, by `type`.
    pub events: &'static [ClientEvent],
    /// What a binary frame carries.
    pub binary: BinaryFrames,
}

/// What a socket's binary frames carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BinaryFrames {
    /// The protocol has none: a binary frame is read as an event, as servers that decode any
    /// message as JSON read it.
    Events,
    /// Raw audio, when the session asks for binary transport: passed as content.
    Audio,
}

/// One client event: its `type` and the rules for its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ClientEvent {
    /// The event's `type` (`session.update`).
    pub name: &'static str,
    /// Its rule and the rules of its fields (its `body`); its `path` is the name.
    pub entry: Endpoint,
}

impl ClientEvent {
    /// The event `name`, decided by `rule`, whose fields follow `body`.
    pub(crate) const fn new(
        name: &'static str,
        rule: Rule,
        body: &'static [&'static [BodyRule]],
    ) -> Self {
        Self {
            name,
            entry: Endpoint::new(rule, Methods::GET, name, EndpointClass::Stateless, "none")
                .body(body),
        }
    }
}

impl ClientEvents {
    /// The event whose `type` is `name`, with its position in the table.
    pub fn get(&self, name: &str) -> Option<(usize, &'static ClientEvent)> {
        self.events.iter().enumerate().find(|(_, e)| e.name == name)
    }
}

/// The client events of OpenAI's realtime protocol (the GA `RealtimeClientEvent` union: 11
/// types), which providers that follow it (Azure OpenAI) share: `static $name: ClientEvents`,
/// with rule ids under `$prefix`, citing `$source`.
///
/// - `session.update`: `session.tools` follow `$tools`; `session.tracing` and `session.prompt`
///   follow the rule groups `$session` (the provider's tracing and prompt-object rules); realtime
///   sessions have no `store` flag.
/// - `response.create`: `response.tools` follow `$tools`, `response.prompt` the prompt-object
///   rule in `$response`; `response.conversation` is `auto` or `none` (the session's own
///   conversation, or none) and any other value is denied under ZDR; items referenced by id in
///   `response.input` are the session's own, in memory.
/// - `conversation.item.create`: `item.type` is one of the documented item types, denied
///   otherwise under ZDR; `previous_item_id` positions the item in the session's conversation.
/// - The other eight act on the session's own conversation and audio buffers.
macro_rules! realtime_events {
    ($name:ident, $prefix:literal, $source:expr, $tools:expr, $session:expr, $response:expr $(,)?) => {
        static $name: $crate::catalog::ClientEvents = {
            use $crate::catalog::body::{allowed_field, items_at, only_values};
            use $crate::catalog::{Applies, ClientEvent, Paths, Rule, rule};
            const SESSION_STATE: Rule = rule(
                concat!($prefix, ".realtime.session_events"),
                "the event acts on the session's own in-memory conversation or audio buffers: \
                 nothing is stored",
                $source,
            );
            const ITEMS: Rule = rule(
                concat!($prefix, ".realtime.item_types"),
                "`conversation.item.create` adds a message, a function call or output, or an MCP \
                 approval or call item to the session's conversation; an item type the reference \
                 does not list may point elsewhere: denied under ZDR",
                $source,
            );
            const CONVERSATION: Rule = rule(
                concat!($prefix, ".realtime.response_conversation"),
                "a response's `conversation` is `auto` (the session's conversation) or `none` (out \
                 of band); another value may name stored state: denied under ZDR",
                $source,
            );
            static SESSION_UPDATE: &[$crate::catalog::BodyRule] =
                &[items_at(Paths::One("session.tools[].type"), $tools)];
            static RESPONSE_CREATE: &[$crate::catalog::BodyRule] = &[
                items_at(Paths::One("response.tools[].type"), $tools),
                only_values(
                    "response.conversation",
                    &["\"auto\"", "\"none\""],
                    Applies::ZeroDataRetention,
                    "names a conversation other than the session's own (`auto`) or none",
                    "send `\"auto\"` or `\"none\"`, or omit it",
                    CONVERSATION,
                ),
                allowed_field(
                    "response.input",
                    rule(
                        concat!($prefix, ".realtime.response_input"),
                        "a response's `input` may reference items by id: items that appeared in \
                         the session, held in memory, not stored objects",
                        $source,
                    ),
                ),
            ];
            static ITEM_CREATE: &[$crate::catalog::BodyRule] = &[
                only_values(
                    "item.type",
                    &[
                        "\"message\"",
                        "\"function_call\"",
                        "\"function_call_output\"",
                        "\"mcp_approval_response\"",
                        "\"mcp_list_tools\"",
                        "\"mcp_call\"",
                        "\"mcp_approval_request\"",
                    ],
                    Applies::ZeroDataRetention,
                    "is an item type the realtime reference does not list",
                    "send one of the documented item types",
                    ITEMS,
                ),
                allowed_field("previous_item_id", SESSION_STATE),
            ];
            const fn plain(name: &'static str) -> ClientEvent {
                ClientEvent::new(name, SESSION_STATE, &[])
            }
            $crate::catalog::ClientEvents {
                unknown: rule(
                    concat!($prefix, ".realtime.unknown_event"),
                    "an event the realtime reference does not list may change the session in ways \
                     the guard cannot read: it follows `on_unknown_endpoint`",
                    $source,
                ),
                events: &[
                    ClientEvent::new(
                        "session.update",
                        rule(
                            concat!($prefix, ".realtime.session_update"),
                            "`session.update` sets the session's tools (which follow the tool \
                             rules), its tracing and a stored prompt; realtime sessions have no \
                             `store` flag",
                            $source,
                        ),
                        &[SESSION_UPDATE, $session],
                    ),
                    ClientEvent::new(
                        "response.create",
                        rule(
                            concat!($prefix, ".realtime.response_create"),
                            "`response.create` may override the session's tools and prompt for \
                             one response, which follow the same rules",
                            $source,
                        ),
                        &[RESPONSE_CREATE, $response],
                    ),
                    ClientEvent::new("conversation.item.create", SESSION_STATE, &[ITEM_CREATE]),
                    plain("conversation.item.retrieve"),
                    plain("conversation.item.truncate"),
                    plain("conversation.item.delete"),
                    plain("input_audio_buffer.append"),
                    plain("input_audio_buffer.commit"),
                    plain("input_audio_buffer.clear"),
                    plain("response.cancel"),
                    plain("output_audio_buffer.clear"),
                ],
                binary: $crate::catalog::BinaryFrames::Events,
            }
        };
    };
}
pub(crate) use realtime_events;

/// The client events of a Responses WebSocket (`wss://…/v1/responses`): `static $name:
/// ClientEvents`, with rule ids under `$prefix`, citing `$source`. `response.create` carries a
/// `POST /responses` body flat beside its `type`, and follows `$create` (the provider's Responses
/// rules, with `previous_response_id` allowed by `$chain`: on the socket it continues from the
/// connection's memory); `response.inject` (beta) adds input items to a running response, whose
/// stored-state references follow the stored-items rule.
macro_rules! responses_socket_events {
    ($name:ident, $prefix:literal, $source:expr, $chain:expr, $create:expr $(,)?) => {
        static $name: $crate::catalog::ClientEvents = {
            use $crate::catalog::body::{allowed_field, stored_items};
            use $crate::catalog::{ClientEvent, rule};
            $crate::catalog::ClientEvents {
                unknown: rule(
                    concat!($prefix, ".responses.websocket.unknown_event"),
                    "an event the WebSocket-mode guide does not list may use state the guard \
                     cannot read: it follows `on_unknown_endpoint`",
                    $source,
                ),
                events: &[
                    ClientEvent::new(
                        "response.create",
                        rule(
                            concat!($prefix, ".responses.websocket"),
                            "`response.create` carries a `POST /responses` body: the same rules \
                             apply, with `previous_response_id` continuing from the connection's \
                             memory",
                            $source,
                        ),
                        $create,
                    ),
                    ClientEvent::new(
                        "response.inject",
                        rule(
                            concat!($prefix, ".responses.websocket.inject"),
                            "`response.inject` (beta) adds input items to a running response of \
                             the connection: items that point at stored state follow the \
                             stored-items rule",
                            $source,
                        ),
                        &[&[stored_items(), allowed_field("response_id", $chain)]],
                    ),
                ],
                binary: $crate::catalog::BinaryFrames::Events,
            }
        };
    };
}
pub(crate) use responses_socket_events;
