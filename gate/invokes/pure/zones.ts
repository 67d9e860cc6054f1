/**
 * Availability zones, made up but plausible and the same on every run: AWS maps zone names to zone
 * IDs differently in every account, so no offline answer can be the real one, and none is claimed.
 * Every region gets three zones, `<region>a` … `<region>c`, with IDs `<code>-az1` … (`use1-az1` for
 * us-east-1), in the region's only zone group (the region). Filters, or `allAvailabilityZones`
 * (local and wavelength zones), cannot be answered: those fields are unknown.
 */
import { list, optional } from "../args";
import { Computed } from "./context";

const ZONES = ["a", "b", "c"];

const DIRECTIONS: Readonly<Record<string, string>> = { northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw" };

/**
 * The short code AWS zone IDs start with: the first part, then each direction word's initial (two
 * for the compound ones), then the number: `us-east-1` → `use1`, `ap-southeast-2` → `apse2`,
 * `us-gov-west-1` → `usgw1`.
 */
export function zoneIdPrefix(region: string): string {
    return region
        .split("-")
        .map((part, i) => (i === 0 || /^\d+$/.test(part) ? part : (DIRECTIONS[part] ?? part[0])))
        .join("");
}

interface Zone {
    readonly name: string;
    readonly zoneId: string;
    readonly suffix: string;
}

function zonesOf(region: string): Zone[] {
    return ZONES.map((suffix, i) => ({ name: `${region}${suffix}`, zoneId: `${zoneIdPrefix(region)}-az${i + 1}`, suffix }));
}

/** `aws:index/getAvailabilityZones`. */
export const getAvailabilityZones: Computed = (args, { provider, unknown }) => {
    const region = optional(args.region, "region") ?? provider.region;
    const echo = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== null));
    if (list(args.filters, "filters").length > 0 || args.allAvailabilityZones === true) {
        return { ...echo, groupNames: [unknown("groupNames[0]")], id: region, names: [unknown("names[0]")], region, zoneIds: [unknown("zoneIds[0]")] };
    }
    const excludedNames = new Set(list(args.excludeNames, "excludeNames"));
    const excludedIds = new Set(list(args.excludeZoneIds, "excludeZoneIds"));
    const state = optional(args.state, "state");
    const zones = zonesOf(region).filter(z => !excludedNames.has(z.name) && !excludedIds.has(z.zoneId) && (state === undefined || state === "available"));
    return { ...echo, groupNames: zones.length > 0 ? [region] : [], id: region, names: zones.map(z => z.name), region, zoneIds: zones.map(z => z.zoneId) };
};

/** `aws:index/getAvailabilityZone`: one of the zones above, by name or zone ID. */
export const getAvailabilityZone: Computed = (args, { provider, unknown }) => {
    const region = optional(args.region, "region") ?? provider.region;
    const name = optional(args.name, "name");
    const zoneId = optional(args.zoneId, "zoneId");
    const zone = zonesOf(region).find(z => (name === undefined || z.name === name) && (zoneId === undefined || z.zoneId === zoneId));
    const echo = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== null));
    if (!zone || (name === undefined && zoneId === undefined) || list(args.filters, "filters").length > 0) {
        const fields = ["groupLongName", "groupName", "name", "nameSuffix", "networkBorderGroup", "optInStatus", "parentZoneId", "parentZoneName", "state", "zoneId", "zoneType"];
        return { ...Object.fromEntries(fields.map(f => [f, unknown(f)])), ...echo, id: unknown("id"), region };
    }
    return {
        ...echo,
        groupLongName: unknown("groupLongName"),
        groupName: region,
        id: zone.name,
        name: zone.name,
        nameSuffix: zone.suffix,
        networkBorderGroup: region,
        optInStatus: "opt-in-not-required",
        parentZoneId: "",
        parentZoneName: "",
        region,
        state: "available",
        zoneId: zone.zoneId,
        zoneType: "availability-zone",
    };
};
