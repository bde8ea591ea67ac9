from enum import StrEnum


class KnownFilterFunction(StrEnum):
    ARRAYCONTAINS = "ArrayContains"
    ARRAYDOESNOTCONTAIN = "ArrayDoesNotContain"
    BETWEEN = "Between"
    EQUALITY = "Equality"
    FALSE = "False"
    GREATERTHAN = "GreaterThan"
    GREATERTHANEQUAL = "GreaterThanEqual"
    INEQUALITY = "Inequality"
    INTHELAST = "InTheLast"
    ISNOTNULL = "IsNotNull"
    ISNULL = "IsNull"
    LESSTHAN = "LessThan"
    LESSTHANEQUAL = "LessThanEqual"
    ONORAFTER = "OnOrAfter"
    ONORBEFORE = "OnOrBefore"
    RELATIVEONORAFTER = "RelativeOnOrAfter"
    RELATIVEONORBEFORE = "RelativeOnOrBefore"
    STRINGCONTAINS = "StringContains"
    STRINGDOESNOTCONTAIN = "StringDoesNotContain"
    STRINGDOESNOTENDWITH = "StringDoesNotEndWith"
    STRINGDOESNOTSTARTWITH = "StringDoesNotStartWith"
    STRINGENDSWITH = "StringEndsWith"
    STRINGLIKE = "StringLike"
    STRINGMATCHESTRIMMED = "StringMatchesTrimmed"
    STRINGNOTLIKE = "StringNotLike"
    STRINGNOTONEOF = "StringNotOneOf"
    STRINGONEOF = "StringOneOf"
    STRINGSTARTSWITH = "StringStartsWith"
    TRUE = "True"

    def __str__(self) -> str:
        return str(self.value)
