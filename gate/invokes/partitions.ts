/**
 * Regions and partitions as the AWS provider knows them (the endpoint data of the AWS SDK, here
 * generated into data/partitions.json): a region's partition, description and DNS suffix.
 */
import { Partition, partitionTable } from "./data";

/** A region the endpoint data lists. */
export interface KnownRegion {
    readonly id: string;
    readonly description: string;
    readonly partition: Partition;
}

/** The region `id` when the endpoint data lists it. */
export function knownRegion(id: string): KnownRegion | undefined {
    for (const partition of partitionTable().partitions) {
        const description = partition.regions[id];
        if (description !== undefined) {
            return { id, description, partition };
        }
    }
    return undefined;
}

/** Every region the endpoint data lists, partition by partition. */
export function allRegions(): KnownRegion[] {
    return partitionTable().partitions.flatMap(partition => Object.entries(partition.regions).map(([id, description]) => ({ id, description, partition })));
}

/** The region `id`, or the provider's error for a region it does not know. */
export function regionByName(id: string): KnownRegion {
    const region = knownRegion(id);
    if (!region) {
        throw new RegionNotFound(`region not found for name "${id}"`);
    }
    return region;
}

/** A region the endpoint data does not list. */
export class RegionNotFound extends Error {}

/** The partition of a region: the one listing it, else the one whose pattern matches, else `aws`. */
export function partitionOf(region: string): Partition {
    const table = partitionTable().partitions;
    return knownRegion(region)?.partition ?? table.find(p => new RegExp(p.regionRegex).test(region)) ?? (table.find(p => p.id === "aws") as Partition);
}

/** The partition `id` (`aws`, `aws-cn`, …), when the endpoint data has it. */
export function partitionById(id: string): Partition | undefined {
    return partitionTable().partitions.find(p => p.id === id);
}

/** The partition's DNS suffix reversed label by label (`com.amazonaws`), as the provider writes it. */
export function reverseDnsPrefix(partition: Partition): string {
    return partition.dnsSuffix.split(".").reverse().join(".");
}

/** The EC2 endpoint host of a region (what `aws_region` reports as `endpoint`). */
export function ec2Endpoint(region: KnownRegion): string {
    return `ec2.${region.id}.${region.partition.dnsSuffix}`;
}
