using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolCore.Generators.Helpers;

/// <summary>Writes generated source with indentation tracked for us (the System.Text.Json generator's SourceWriter shape).</summary>
internal sealed class SourceWriter
{
    private const char IndentationChar = ' ';
    private const int CharsPerIndentation = 4;

    private readonly StringBuilder _sb = new();
    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _indentation = value;
        }
    }

    public void WriteLine(char value)
    {
        AddIndentation();
        _sb.Append(value);
        _sb.Append('\n');
    }

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation.</summary>
    public void WriteLine(string text)
    {
        if (_indentation == 0)
        {
            _sb.Append(text.Replace("\r\n", "\n"));
            _sb.Append('\n');
            return;
        }

        bool isFirst = true;
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (!isFirst)
            {
                _sb.Append('\n');
            }

            if (line.Length > 0)
            {
                AddIndentation();
            }

            _sb.Append(line);
            isFirst = false;
        }

        _sb.Append('\n');
    }

    public void WriteLine() => _sb.Append('\n');

    public void OpenBlock()
    {
        WriteLine('{');
        _indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
    }

    public SourceText ToSourceText() => SourceText.From(_sb.ToString(), Encoding.UTF8);

    public override string ToString() => _sb.ToString();

    private void AddIndentation() => _sb.Append(IndentationChar, CharsPerIndentation * _indentation);
}
