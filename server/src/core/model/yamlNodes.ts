// yaml's node tests, bound once. The bundles reach a CommonJS package's exports through getters;
// called for every node of every document, those getter calls cost a few percent of a check.
import * as yaml from 'yaml';

export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const isCollection: typeof yaml.isCollection = yaml.isCollection;
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
