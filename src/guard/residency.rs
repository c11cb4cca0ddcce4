//! Rule 2's endpoint limits: a residency project may use an endpoint its region *stores*
//! (endpoints the residency tables do not list make no promise outside the US); with per-request
//! residency, or where the provider's regions promise processing only, a regional host only
//! serves endpoints its region *processes*. Administration carries no content and is exempt.

use super::Guard;
use crate::catalog::{Endpoint, EndpointClass, Rule};
use crate::profile::Region;

impl Guard {
    /// Whether `region` makes a promise only for the endpoints its residency tables list (so an
    /// endpoint they do not list, or a path the catalog does not know, is denied there): with
    /// per-request residency, where the regions promise processing only, or outside the US.
    pub(super) fn region_needs_listing(&self, region: Region) -> bool {
        self.inner.profile.per_request_residency
            || self.inner.catalog.rules().regions_process_only
            || region != Region::Us
    }

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
        if !self.region_needs_listing(region) {
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
