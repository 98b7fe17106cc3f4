namespace Bos.Core.Sessions;

/// <summary>How a limit item combines with the items before it (OP-70).</summary>
public enum LimitOperator
{
    /// <summary>No prefix: add the item's nodes.</summary>
    Union,

    /// <summary>"&amp;": keep only nodes that are also the item's.</summary>
    Intersect,

    /// <summary>"!": remove the item's nodes.</summary>
    Except,
}

/// <summary>One comma-separated item of a session limit: an operator and a name.</summary>
public sealed record LimitItem(LimitOperator Operator, string Name)
{
    /// <summary>"all" and "*" stand for every node of the boot set.</summary>
    public bool IsAll => Name is "all" or "*";

    public override string ToString() => Operator switch
    {
        LimitOperator.Intersect => "&" + Name,
        LimitOperator.Except => "!" + Name,
        _ => Name,
    };
}
