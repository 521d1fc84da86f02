using System;
using System.Linq;
using System.Reflection;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

/// <summary>
/// <see cref="EventFields"/> and <see cref="EventKinds"/> are generated from the event classes; these tests walk every
/// event class by reflection (independently of the generator) so a new event or member cannot slip past them.
/// </summary>
public class EventFieldsTests
{
    public static TheoryData<Type> EventClasses()
    {
        var data = new TheoryData<Type>();
        foreach (Type type in typeof(ResponsesEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ResponsesEvent)) && !t.IsAbstract && t != typeof(UnknownEvent))
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventClasses))]
    public void ReadsEveryMemberTheEventHas(Type type)
    {
        var e = (ResponsesEvent)Activator.CreateInstance(type)!;
        Utf8Text? itemId = Set(e, "ItemId", (Utf8Text)"item");
        int? outputIndex = Set(e, "OutputIndex", 11);
        int? contentIndex = Set(e, "ContentIndex", 22);
        Utf8Text? delta = Set(e, "Delta", (Utf8Text)"text");

        EventFields.Read(e, out Utf8Text? readItemId, out int? readOutputIndex, out int? readContentIndex, out Utf8Text? readDelta);

        Assert.Equal(itemId?.ToString(), readItemId?.ToString());
        Assert.Equal(outputIndex, readOutputIndex);
        Assert.Equal(contentIndex, readContentIndex);
        Assert.Equal(delta?.ToString(), readDelta?.ToString());
    }

    [Theory]
    [MemberData(nameof(EventClasses))]
    public void EveryKnownTypeHasAnAbiKindWithTheSameTypeString(Type type)
    {
        var e = (ResponsesEvent)Activator.CreateInstance(type)!;

        int abiKind = EventKinds.ToAbiKind(e.Kind);

        Assert.NotEqual(0, abiKind);
        Assert.Equal(e.Type, EventKinds.GetTypeString(abiKind));
    }

    [Fact]
    public void AbiKindsAreUnique()
    {
        string[] types = Enumerable.Range(1, EventKinds.MaxAbiKind).Select(EventKinds.GetTypeString).Where(t => t.Length > 0).ToArray();

        Assert.Equal(ResponsesEvent.KnownDiscriminators.Count, types.Length);
        Assert.Equal(types.Length, types.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Sets the property if the class has it with type <typeparamref name="T"/>? and returns what was set.</summary>
    private static T? Set<T>(ResponsesEvent e, string name, T value)
        where T : struct
    {
        PropertyInfo? property = e.GetType().GetProperty(name);
        if (property is null || property.PropertyType != typeof(T?))
        {
            return null;
        }

        property.SetValue(e, value);
        return value;
    }
}
