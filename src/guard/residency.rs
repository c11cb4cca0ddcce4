//! Rule 2's endpoint limits: a residency project may use an endpoint its region *stores*
//! (endpoints the residency tables do not list make no promise outside the US); with per-request
//! residency, or where the provider's regions promise processing only, a regional host only
//! serves endpoints its region *processes*. Administration carries no content and is exempt.

use super::Guard;
use crate::catalog::{Endpoint, EndpointClass, Rule};
use crate::profile::Region;

impl Guard {
    /// Whether endpoint `e` keeps its data in `region` (a residency project) or is processed
    /// there (per-request residency). Endpoints without customer content always pass.
    pub(super) fn residency(
        &self,
        e: &'static Endpoint,
        region: Region,
    ) -> Result<(), (String, &'static Rule)> {
        let p = &self.inner.profile;
        if e.class == EndpointClass::Administration {
            return Ok(());
        }
        let unlisted = &self.inner.catalog.rules().residency_unlisted;
        if p.per_request_residency || self.inner.catalog.rules().regions_process_only {
            return match e.residency {
                Some(r) if r.processing.contains(region) => Ok(()),
                Some(_) => Err((
                    format!(
                        "region `{region}` does not process this endpoint in-region, which per-request residency needs"
                    ),
                    &e.rule,
                )),
                None => Err((
                    format!(
                        "the residency tables do not list this endpoint, so region `{region}` makes \
                         no in-region promise for it"
                    ),
                    unlisted,
                )),
            };
        }
        if region == Region::Us {
            return Ok(());
        }
        match e.residency {
            Some(r) if r.storage.contains(region) => Ok(()),
            Some(_) => Err((
                format!("region `{region}` does not keep this endpoint's data in-region"),
                &e.rule,
            )),
            None => Err((
                format!(
                    "the residency tables do not list this endpoint, so region `{region}` makes no \
                     in-region promise for it"
                ),
                unlisted,
            )),
        }
    }
}
